package dev.redisfromscratch.aof;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.protocol.QueryBuffer;
import dev.redisfromscratch.protocol.RequestFramer;
import dev.redisfromscratch.resp.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * Loads the append-only file at startup: every command in it is framed with lab 3's RESP decoder and
 * run again, in order, through the command pipeline ({@link AofReplay}).
 *
 * <pre>
 *   load(file)
 *     replay(in, decoder, sink)        frame each multibulk, run it; return the bytes of whole commands
 *     whole file applied?              done
 *     a torn last command?             cut the file there, with Redis's three log lines, and go on
 *     damage before it?                AofFormatException: refuse to start, naming the offset
 * </pre>
 *
 * <p>A torn tail is what a crash in the middle of a {@code write(2)} leaves: the last command is
 * cut short. Redis's default {@code aof-load-truncated yes} loads what came before it and truncates
 * the file; this does the same, with the same log lines.
 *
 * <p>Redis: {@code aof.c}, {@code loadSingleAppendOnlyFile} ({@code readerr}, {@code uxeof},
 * {@code fmterr}).
 */
public final class AofLoader {
    private AofLoader() {
    }

    /** What a load did: the commands applied, the bytes kept, and whether a torn tail was cut off. */
    public record Result(long commands, long validBytes, long fileBytes, boolean truncated) {
    }

    /**
     * Replays {@code file} through {@code pipeline}, as {@code client}, on a server with one
     * database: {@link #load(Path, CommandPipeline, Client, int, Consumer)} with {@code databases} 1.
     *
     * @throws AofFormatException as the other {@code load}; a {@code SELECT} of any database but 0
     *     is out of range here
     * @throws IOException if the file cannot be read or truncated
     */
    public static Result load(Path file, CommandPipeline pipeline, Client client, Consumer<String> log)
            throws AofFormatException, IOException {
        return load(file, pipeline, client, 1, log);
    }

    /**
     * Replays {@code file} through {@code pipeline}, as {@code client}. A torn last command is cut
     * off the file (it is truncated on disk at the end of the last whole command). Each
     * {@code SELECT n} in the file moves {@code client} to database {@code n} ({@link AofReplay}).
     *
     * @param databases how many databases the server has: a {@code SELECT} of another is refused
     * @param log receives Redis's log lines for a torn tail or a bad file
     * @return what was loaded
     * @throws AofFormatException if the file is damaged before its last command, or holds a command
     *     the server cannot run (an unknown one, a {@code SELECT} out of range): its message names
     *     the file and the offset
     * @throws IOException if the file cannot be read or truncated
     */
    public static Result load(Path file, CommandPipeline pipeline, Client client, int databases, Consumer<String> log)
            throws AofFormatException, IOException {
        String name = file.getFileName().toString();
        long size = Files.size(file);
        AofReplay sink = new AofReplay(pipeline, client, databases, name);
        try (InputStream in = Files.newInputStream(file)) {
            replay(in, Protocol.requestDecoder(), sink);
        } catch (AofFormatException e) {
            log.accept("Bad file format reading the append only file " + name
                    + ": make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>");
            String reason = AofFormatException.oneLine(e.getMessage());
            log.accept("The damage starts at offset " + e.offset() + ": " + reason);
            throw new AofFormatException(e.offset(), "Bad file format reading the append only file " + file
                    + " at offset " + e.offset() + " (" + reason + "); make a backup of it, then see "
                    + "redis-check-aof " + file);
        }
        long valid = sink.committedUpTo();
        if (valid == size) {
            return new Result(sink.commands(), valid, size, false);
        }
        // a torn tail: the last command (or an unfinished MULTI) was cut short by a crash
        log.accept("!!! Warning: short read while loading the AOF file " + name + "!!!");
        log.accept("!!! Truncating the AOF " + name + " at offset " + valid + " !!!");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(valid);
            ch.force(true);
        }
        log.accept("AOF " + name + " loaded anyway because aof-load-truncated is enabled");
        return new Result(sink.commands(), valid, size, true);
    }

    /**
     * Reads {@code in} to its end, framing each command with {@code framer} and handing it to
     * {@code sink} with the byte offset just after it.
     *
     * <ul>
     *   <li>Read the file in chunks into a {@link QueryBuffer}, as a server reads a socket.
     *   <li>An append-only file holds only multibulks: at the start of each command (when nothing of
     *       it has been consumed yet) the next byte must be {@code *}; else it is damaged.
     *   <li>A {@link ProtocolException} from the framer is damage too.
     *   <li>Damage is an {@link AofFormatException} at the offset where the damaged command starts:
     *       the end of the last whole command.
     *   <li>At the end of the file, bytes of an unfinished command are not an error: return, and the
     *       caller cuts them off.
     * </ul>
     *
     * @return the offset just after the last whole command
     * @throws AofFormatException if the file is damaged (see above), or from {@code sink}
     * @throws IOException if reading fails
     */
    static long replay(InputStream in, RequestFramer framer, AofReplay sink) throws AofFormatException, IOException {
        // BEGIN SOLUTION
        QueryBuffer query = new QueryBuffer();
        long read = 0;   // bytes read from the file so far
        long valid = 0;  // bytes of whole commands, from the start of the file
        while (true) {
            List<byte[]> argv;
            try {
                boolean atCommandStart = read - query.readable() == valid;
                if (atCommandStart && query.readable() > 0 && query.get(0) != '*') {
                    throw new AofFormatException(valid, "expected '*', got " + AofFormatException.show(query.get(0)));
                }
                argv = framer.next(query); // *<argc>\r\n then $<len>\r\n <arg> \r\n per argument
            } catch (ProtocolException e) {
                throw new AofFormatException(valid, e.getMessage());
            }
            if (argv != null) {
                valid = read - query.readable();
                sink.command(argv, valid);
                continue;
            }
            int n = query.readFrom(in);
            if (n < 0) {
                return valid; // end of file: any bytes left belong to a torn last command
            }
            read += n;
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab4): stage 4: read the file into a QueryBuffer, frame each multibulk, hand it to the sink with its end offset; damage is an AofFormatException");
    }

    /**
     * @param nameForLog a client address for logs, e.g. {@code "aof"}
     * @return the client the file's commands run as: replies are thrown away
     */
    public static Client loadingClient(String nameForLog) {
        return new Client(nameForLog, Protocol.requestDecoder());
    }
}
