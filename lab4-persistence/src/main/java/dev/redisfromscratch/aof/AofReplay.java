package dev.redisfromscratch.aof;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.ErrorReplies;
import dev.redisfromscratch.protocol.Numbers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the commands read from an append-only file, through the same {@code call()} path as a
 * client's, as a client that gets no replies (Redis's fake AOF client).
 *
 * <p>{@code SELECT n} (every file starts with {@code SELECT 0}; a file written by a server with
 * several databases selects each before its commands) switches the loading client to database
 * {@code n}: through the pipeline when the command table has a {@code SELECT} command (lab 5's),
 * else here, by setting the client's database ({@link Client#db(int)}), since lab 4 has none. Either
 * way a database the server does not have is refused first, with Redis's {@code ERR DB index is out
 * of range}: Redis's loader would go on in the previous database (its fake client's error reply is
 * dropped), which puts keys where they were never written.
 *
 * <p>{@code MULTI} … {@code EXEC} (what one command propagates when it has more than one effect) is
 * applied as a unit: the commands inside are held until {@code EXEC}. A file that ends inside one is
 * cut back to before its {@code MULTI} ({@link #committedUpTo()}), as Redis reverts an incomplete
 * transaction.
 *
 * <p>Redis: {@code aof.c}, {@code loadSingleAppendOnlyFile} ({@code createAOFClient},
 * {@code valid_before_multi}); {@code db.c}, {@code selectCommand}.
 */
public final class AofReplay {
    private final CommandPipeline pipeline;
    private final Client client;
    private final int databases;
    private final String fileName;
    private List<List<byte[]>> transaction;
    private long lastEnd;
    private long beforeMulti;
    private long committed;
    private long commands;

    /**
     * @param pipeline runs each command
     * @param client the loading client; its replies are thrown away
     * @param databases how many databases the server has (1 in lab 4): {@code SELECT} accepts
     *     {@code 0 <= n < databases}
     * @param fileName the file's name, for errors
     */
    public AofReplay(CommandPipeline pipeline, Client client, int databases, String fileName) {
        this.pipeline = pipeline;
        this.client = client;
        this.databases = databases;
        this.fileName = fileName;
    }

    /**
     * Applies one command read from the file.
     *
     * @param argv the command, name first
     * @param endOffset the byte offset just after it in the file
     * @throws AofFormatException for a command this server does not know ("Unknown command 'x'
     *     reading the append only file ..."), a {@code SELECT} of a database it does not have
     *     ("ERR DB index is out of range: SELECT 3, reading the append only file ...") or with a
     *     bad argument, or MULTI inside MULTI, or EXEC without MULTI
     */
    public void command(List<byte[]> argv, long endOffset) throws AofFormatException {
        long start = lastEnd;
        lastEnd = endOffset;
        if (argv.isEmpty()) {
            return;
        }
        String name = new String(argv.get(0), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (name.equals("multi")) {
            if (transaction != null) {
                throw new AofFormatException(start, "MULTI calls can not be nested, reading the append only file " + fileName);
            }
            transaction = new ArrayList<>();
            beforeMulti = start;
            return;
        }
        if (name.equals("exec")) {
            if (transaction == null) {
                throw new AofFormatException(start, "EXEC without MULTI, reading the append only file " + fileName);
            }
            for (List<byte[]> queued : transaction) {
                run(queued);
            }
            transaction = null;
            committed = endOffset;
            return;
        }
        if (name.equals("select")) {
            checkSelect(argv, start); // a database this server has, whoever runs the SELECT (see run)
        } else if (pipeline.table().lookup(argv) == null) {
            throw new AofFormatException(start, "Unknown command '" + new String(argv.get(0), StandardCharsets.ISO_8859_1)
                    + "' reading the append only file " + fileName);
        }
        if (transaction != null) {
            transaction.add(argv);
        } else {
            run(argv);
            committed = endOffset;
        }
    }

    /** Refuses a {@code SELECT} that would fail: its arity, its argument, its database's range. */
    private void checkSelect(List<byte[]> argv, long start) throws AofFormatException {
        String error = null;
        if (argv.size() != 2) {
            error = ErrorReplies.wrongArity("select");
        } else {
            try {
                if (!validDb(Numbers.string2ll(argv.get(1)))) {
                    error = "ERR DB index is out of range";
                }
            } catch (Numbers.NotANumber e) {
                error = ErrorReplies.NOT_AN_INTEGER;
            }
        }
        if (error != null) {
            String command = argv.size() == 2 ? ": SELECT " + new String(argv.get(1), StandardCharsets.ISO_8859_1) : "";
            throw new AofFormatException(start, error + command + ", reading the append only file " + fileName
                    + " (this server has " + databases + (databases == 1 ? " database)" : " databases)"));
        }
    }

    private boolean validDb(long db) {
        return db >= 0 && db < databases;
    }

    private void run(List<byte[]> argv) {
        if (isSelect(argv) && pipeline.table().lookup(argv) == null) {
            client.db((int) Numbers.string2ll(argv.get(1))); // no SELECT command (lab 4): select for it
            return;
        }
        pipeline.processCommand(client, argv);
        client.reply().reset();
        commands++;
    }

    private static boolean isSelect(List<byte[]> argv) {
        return argv.get(0).length == 6 && new String(argv.get(0), StandardCharsets.ISO_8859_1).equalsIgnoreCase("select");
    }

    /**
     * @return the offset up to which every command has been applied: the end of the last command
     *     outside a transaction or of the last {@code EXEC}; inside an unfinished {@code MULTI}, the
     *     offset before it
     */
    public long committedUpTo() {
        return transaction != null ? beforeMulti : committed;
    }

    /** @return how many commands have been applied */
    public long commands() {
        return commands;
    }
}
