package dev.redisfromscratch.aof;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.CommandPipeline;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the commands read from an append-only file, through the same {@code call()} path as a
 * client's, as a client that gets no replies (Redis's fake AOF client).
 *
 * <p>{@code SELECT 0}, which starts every file, is understood here while the server has no
 * {@code SELECT} command of its own (lab 4 has one database).
 *
 * <p>{@code MULTI} … {@code EXEC} (what one command propagates when it has more than one effect) is
 * applied as a unit: the commands inside are held until {@code EXEC}. A file that ends inside one is
 * cut back to before its {@code MULTI} ({@link #committedUpTo()}), as Redis reverts an incomplete
 * transaction.
 *
 * <p>Redis: {@code aof.c}, {@code loadSingleAppendOnlyFile} ({@code createAOFClient},
 * {@code valid_before_multi}).
 */
public final class AofReplay {
    private final CommandPipeline pipeline;
    private final Client client;
    private final String fileName;
    private List<List<byte[]>> transaction;
    private long lastEnd;
    private long beforeMulti;
    private long committed;
    private long commands;

    /**
     * @param pipeline runs each command
     * @param client the loading client; its replies are thrown away
     * @param fileName the file's name, for errors
     */
    public AofReplay(CommandPipeline pipeline, Client client, String fileName) {
        this.pipeline = pipeline;
        this.client = client;
        this.fileName = fileName;
    }

    /**
     * Applies one command read from the file.
     *
     * @param argv the command, name first
     * @param endOffset the byte offset just after it in the file
     * @throws AofFormatException for a command this server does not know ("Unknown command 'x'
     *     reading the append only file ..."), or MULTI inside MULTI, or EXEC without MULTI
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
        if (name.equals("select") && pipeline.table().lookup(argv) == null) {
            select(argv, start); // lab 4 has one database and no SELECT command; lab 5 brings both
            return;
        }
        if (pipeline.table().lookup(argv) == null) {
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

    private void select(List<byte[]> argv, long start) throws AofFormatException {
        if (argv.size() != 2 || !new String(argv.get(1), StandardCharsets.ISO_8859_1).equals("0")) {
            throw new AofFormatException(start, "SELECT of a database other than 0, reading the append only file "
                    + fileName + " (this server has one database)");
        }
        if (transaction == null) {
            committed = lastEnd;
        }
    }

    private void run(List<byte[]> argv) {
        pipeline.processCommand(client, argv);
        client.reply().reset();
        commands++;
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
