package dev.redisfromscratch.keys;

import dev.redisfromscratch.command.AclCategory;
import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.protocol.RedisError;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.SelectedDb;
import java.util.function.ToLongFunction;

/**
 * {@code FLUSHALL [ASYNC|SYNC]} deletes every key of every database; {@code FLUSHDB [ASYNC|SYNC]}
 * every key of the client's selected database. Both reply {@code +OK}; any other argument is
 * {@code -ERR syntax error}. With one database (labs 2 to 4) they do the same to the keyspace, but
 * {@code FLUSHALL} also saves the emptied keyspace at once when save points are set, so the old
 * snapshot cannot come back at the next start. Both are propagated, in the client's database, even
 * when there was nothing to delete, as Redis counts them as a change. {@code ASYNC} frees memory on
 * a background thread in Redis; here it is the same as {@code SYNC}.
 *
 * <p>Redis: {@code db.c}, {@code flushallCommand}, {@code flushdbCommand},
 * {@code flushAllDataAndResetRDB}, {@code emptyData} (every database, or one); arity -1.
 */
public final class FlushCommand implements CommandHandler {
    private final ToLongFunction<CommandCall> clear;
    private final CommandPipeline pipeline;
    private final Runnable afterFlush;

    private FlushCommand(ToLongFunction<CommandCall> clear, CommandPipeline pipeline, Runnable afterFlush) {
        this.clear = clear;
        this.pipeline = pipeline;
        this.afterFlush = afterFlush;
    }

    /**
     * @param dbs every database: {@code FLUSHALL} empties them all ({@code Databases.single(store)}
     *     for a server with one)
     * @param save run after the flush: lab 4's server saves the emptied keyspace there when save
     *     points are set ({@code Persistence.flushAllSave})
     * @return the table row of {@code flushall}: arity -1, write, {@code @keyspace @dangerous}
     */
    public static CommandSpec flushallSpec(Databases dbs, CommandPipeline pipeline, Runnable save) {
        return spec("flushall", "Remove all keys from all databases",
                "O(N) where N is the total number of keys in all databases",
                new FlushCommand(call -> clearAll(dbs), pipeline, save));
    }

    /**
     * @param db the client's selected database, the one {@code FLUSHDB} empties (a {@code DataStore}
     *     or a {@link Databases})
     * @return the table row of {@code flushdb}: arity -1, write, {@code @keyspace @dangerous}; no save
     */
    public static CommandSpec flushdbSpec(SelectedDb db, CommandPipeline pipeline) {
        return spec("flushdb", "Remove all keys from the current database",
                "O(N) where N is the number of keys in the selected database",
                new FlushCommand(call -> db.of(call.client()).clear(), pipeline, () -> { }));
    }

    private static long clearAll(Databases dbs) {
        long removed = 0;
        for (int i = 0; i < dbs.count(); i++) {
            removed += dbs.db(i).clear();
        }
        return removed;
    }

    private static CommandSpec spec(String name, String summary, String complexity, FlushCommand handler) {
        return CommandSpec.builder(name, -1)
                .flags(CommandFlag.WRITE)
                .acl(AclCategory.KEYSPACE, AclCategory.DANGEROUS)
                .tips("request_policy:all_shards", "response_policy:all_succeeded")
                .docs(summary, "1.0.0", "server", complexity)
                .handler(handler)
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        if (call.argc() > 2 || call.argc() == 2 && !call.option(1).equals("ASYNC") && !call.option(1).equals("SYNC")) {
            throw new RedisError(ErrorReplies.SYNTAX);
        }
        if (clear.applyAsLong(call) == 0) {
            pipeline.alsoPropagate(call.client().db(), call.args()); // Redis: server.dirty++ even when empty
        }
        afterFlush.run();
        call.reply().raw(ReplyWriter.OK); // +OK\r\n
    }
}
