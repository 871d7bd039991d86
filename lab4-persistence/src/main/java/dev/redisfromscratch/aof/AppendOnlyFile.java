package dev.redisfromscratch.aof;

import dev.redisfromscratch.command.PropagationListener;
import dev.redisfromscratch.protocol.ReplyWriter;
import dev.redisfromscratch.snapshot.KeyspaceCapture;
import dev.redisfromscratch.snapshot.SnapshotFile;
import dev.redisfromscratch.snapshot.ValueCodecs;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The append-only file: every change to the keyspace, as the RESP multibulk of the command that
 * has the same effect, appended to {@code <dir>/appendonly.aof}. Replaying it rebuilds the keyspace
 * ({@link AofLoader}).
 *
 * <pre>
 *   command runs → the pipeline propagates its effect → feed(db, argv)      into aof_buf (memory)
 *   before any reply is sent (the server's beforeSleep) → flush()
 *        write(2) aof_buf to the file
 *        always:   fsync(2) now, so no reply leaves before its write is on disk
 *        everysec: the aof-fsync thread fsyncs once a second
 *        no:       the OS decides
 * </pre>
 *
 * <p><b>Group commit.</b> All the commands of one read (a pipelined batch) are fed before their
 * replies are sent, so one {@code write} and, under {@code always}, one {@code fsync} cover the
 * whole batch: the fsync's cost is shared by every command in it.
 *
 * <p><b>Rewrite</b> ({@code BGREWRITEAOF}). A background thread writes a new, minimal file from a
 * {@link KeyspaceCapture} ({@code SELECT n} before each non-empty database, then one {@code SET},
 * and {@code PEXPIREAT} for a TTL, per key) while writes go on. What is fed meanwhile goes to the
 * old file as usual and also to a rewrite buffer. When the new file is written, the server thread
 * appends the buffer to it, fsyncs it and renames it over the old one. Redis 7 does the same job with a multi-part AOF instead of a buffer: a manifest
 * ({@code appendonly.aof.manifest}) naming a base file (the rewrite) and incremental files (the
 * writes since), in {@code appendonlydir/}; this lab keeps Redis 6's single file, which Redis 7
 * still loads.
 *
 * <p>Redis: {@code aof.c}, {@code feedAppendOnlyFile}, {@code catAppendOnlyGenericCommand},
 * {@code flushAppendOnlyFile}, {@code aof_background_fsync}, {@code rewriteAppendOnlyFileBackground},
 * {@code backgroundRewriteDoneHandler}.
 */
public final class AppendOnlyFile implements PropagationListener, Closeable {
    private static final byte[] SELECT = "SELECT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PEXPIREAT = "PEXPIREAT".getBytes(StandardCharsets.US_ASCII);
    private static final long NO_EXPIRE = -1;

    private final Path dir;
    private final Path file;
    private final FsyncPolicy policy;
    private final long pid;
    private final Consumer<String> log;
    /** aof_buf: the multibulks fed since the last flush. */
    private final ReplyWriter buffer = new ReplyWriter();
    private final AtomicBoolean unsynced = new AtomicBoolean();
    private final AtomicLong fsyncs = new AtomicLong();
    private final ScheduledExecutorService fsyncThread;
    /** The file; replaced by a finished rewrite (the aof-fsync thread reads it without a lock). */
    private volatile FileChannel channel;
    private int selectedDb = -1;
    private volatile String writeError;
    private ReplyWriter rewriteBuffer;
    private CompletableFuture<Void> rewrite;

    /**
     * Opens (creating if needed) {@code <dir>/<fileName>} for appending. Under {@code everysec}
     * it starts the {@code aof-fsync} thread.
     *
     * @param pid the process id that names the rewrite's temp file
     * @param log receives Redis's log lines for write errors and rewrites
     * @throws IOException if the file cannot be opened
     */
    public AppendOnlyFile(Path dir, String fileName, FsyncPolicy policy, long pid, Consumer<String> log) throws IOException {
        this.dir = dir;
        this.file = dir.resolve(fileName);
        this.policy = policy;
        this.pid = pid;
        this.log = log;
        this.channel = openForAppend(file);
        if (policy == FsyncPolicy.EVERYSEC) {
            fsyncThread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "aof-fsync");
                t.setDaemon(true);
                return t;
            });
            fsyncThread.scheduleAtFixedRate(this::backgroundFsync, 1, 1, TimeUnit.SECONDS);
        } else {
            fsyncThread = null;
        }
    }

    /** @return the file's path */
    public Path path() {
        return file;
    }

    /** @return how many fsyncs of the file have been done (all policies, rewrites excluded) */
    public long fsyncs() {
        return fsyncs.get();
    }

    /** @return the error of the last failed write or fsync, or {@code null} if it succeeded */
    public String writeError() {
        return writeError;
    }

    /** Receives each propagated command from the pipeline: {@link #feed}. */
    @Override
    public void propagate(int db, List<byte[]> argv) {
        feed(db, argv);
    }

    /**
     * Appends one command to aof_buf (not to the file: {@link #flush} does that). When {@code db}
     * is not the database the file last selected, a {@code SELECT db} goes first, so the file
     * starts with {@code SELECT 0}, as Redis's does.
     *
     * @param db the command's database
     * @param argv the command, name first: appended with {@link #appendCommand}
     */
    void feed(int db, List<byte[]> argv) {
        // BEGIN SOLUTION
        if (db != selectedDb) {
            appendCommand(buffer, List.of(SELECT, Integer.toString(db).getBytes(StandardCharsets.US_ASCII)));
            selectedDb = db;
        }
        appendCommand(buffer, argv);
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab4): stage 3: append the command to the buffer as a multibulk, after SELECT <db> when the database changes");
    }

    /**
     * Writes aof_buf to the file and fsyncs as the policy says. Runs before any reply is sent, and
     * from the cron. A failed write keeps the bytes for the next try and is remembered
     * ({@link #writeError()}: the server then refuses writes with {@code -MISCONF}); under
     * {@code always} it stops the server, since a reply would otherwise acknowledge a write that
     * is not on disk.
     *
     * <p>Redis: {@code aof.c}, {@code flushAppendOnlyFile}.
     *
     * @throws IllegalStateException if a write or fsync fails under {@code always}
     */
    public void flush() {
        if (!buffer.hasPending()) {
            return;
        }
        if (rewriteBuffer != null) {
            rewriteBuffer.raw(buffer.toByteArray()); // a rewrite is running: the new file needs these too
        }
        try {
            writeAndSync(channel);
            if (writeError != null) {
                log.accept("AOF write error looks solved, Redis can write again.");
                writeError = null;
            }
        } catch (IOException e) {
            if (policy == FsyncPolicy.ALWAYS) {
                log.accept("Can't recover from AOF write error when the AOF fsync policy is 'always'. Exiting...");
                throw new IllegalStateException("AOF write failed under appendfsync always: " + e, e);
            }
            writeError = e.getMessage() == null ? e.toString() : e.getMessage();
            log.accept("Error writing to the AOF file: " + writeError);
        }
    }

    /**
     * Writes every pending byte of aof_buf to {@code channel} (one {@code write(2)} usually takes
     * it all; loop until it has), then fsyncs as the policy says: {@code always} fsyncs now
     * ({@link FileChannel#force}{@code (false)}, an {@code fdatasync}) and counts it in
     * {@link #fsyncs}; {@code everysec} marks the file unsynced for the {@code aof-fsync} thread;
     * {@code no} does nothing.
     *
     * @throws IOException if a write or the fsync fails; bytes not written stay in aof_buf
     */
    void writeAndSync(FileChannel channel) throws IOException {
        // BEGIN SOLUTION
        while (buffer.hasPending()) {
            buffer.writeTo(channel); // write(2); the buffer empties once everything has gone
        }
        switch (policy) {
            case ALWAYS -> {
                channel.force(false); // fdatasync(2): before any reply of this batch is sent
                fsyncs.incrementAndGet();
            }
            case EVERYSEC -> unsynced.set(true); // the aof-fsync thread will do it within a second
            case NO -> { } // the kernel writes it back when it likes
        }
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab4): stage 3: write all of the buffer to the channel, then fsync as the policy says");
    }

    /**
     * The {@code aof-fsync} thread, once a second under {@code everysec}. It takes no lock: the
     * server thread's {@code write} goes on while it fsyncs. (Redis goes further: while a background
     * fsync is still running it postpones its {@code write} for up to two seconds, since on Linux a
     * {@code write} can block behind an {@code fsync} of the same file: {@code aof_flush_postponed_start}.)
     */
    private void backgroundFsync() {
        if (!unsynced.getAndSet(false)) {
            return;
        }
        try {
            channel.force(false);
            fsyncs.incrementAndGet();
        } catch (java.nio.channels.ClosedChannelException replaced) {
            // a rewrite swapped the file (its new file was fsynced), or the file was closed
        } catch (IOException e) {
            writeError = e.getMessage();
            log.accept("Error syncing the AOF file: " + e.getMessage());
        }
    }

    /**
     * Appends one command as a RESP multibulk: {@code *<argc>\r\n}, then {@code $<len>\r\n<arg>\r\n}
     * per argument. The same bytes a client sends, which is why the file can be replayed with the
     * request decoder.
     */
    public static void appendCommand(ReplyWriter out, List<byte[]> argv) {
        out.arrayHeader(argv.size());   // *<argc>\r\n
        for (byte[] arg : argv) {
            out.bulk(arg);              // $<len>\r\n <arg> \r\n
        }
    }

    // ------------------------------------------------------------------- BGREWRITEAOF

    /** @return whether a rewrite is running */
    public boolean rewriteInProgress() {
        return rewrite != null;
    }

    /**
     * Starts a rewrite: {@code background} writes {@code temp-rewriteaof-bg-<pid>.aof} from
     * {@code capture}, while what is fed meanwhile is also kept in the rewrite buffer. Call on the
     * server thread, then {@link #finishRewriteIfDone} from the cron.
     *
     * @param capture the keyspace, frozen now
     * @param codecs how each value type is rewritten as commands
     * @param background runs the writing (a thread of its own in the server; tests may hold it)
     */
    public void startRewrite(KeyspaceCapture capture, ValueCodecs codecs, Executor background) {
        flush();
        rewriteBuffer = new ReplyWriter();
        selectedDb = -1; // the next command selects its database again, in the buffer too
        Path temp = rewriteTempPath();
        rewrite = CompletableFuture.runAsync(() -> {
            try {
                writeBase(temp, capture, codecs);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, background);
    }

    /** @return the rewrite's temp file, {@code <dir>/temp-rewriteaof-bg-<pid>.aof} */
    public Path rewriteTempPath() {
        return dir.resolve("temp-rewriteaof-bg-" + pid + ".aof");
    }

    /** @return the running rewrite's completion (for tests), or {@code null} if none is running */
    public CompletableFuture<Void> rewriteFuture() {
        return rewrite;
    }

    /**
     * If the background part of a rewrite has finished, completes it on the server thread: appends
     * the rewrite buffer to the new file, fsyncs it, renames it over the file, fsyncs the directory
     * and appends to the new file from now on. A failed rewrite is logged and its temp file deleted;
     * the old file stays in use.
     *
     * @return {@code null} if no rewrite finished; else whether it succeeded
     */
    public Boolean finishRewriteIfDone() {
        if (rewrite == null || !rewrite.isDone()) {
            return null;
        }
        CompletableFuture<Void> done = rewrite;
        Path temp = rewriteTempPath();
        try {
            done.join();
            flush(); // what was fed so far: in the old file and in the rewrite buffer
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                out.write(ByteBuffer.wrap(rewriteBuffer.toByteArray()));
                out.force(false);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            SnapshotFile.fsyncDirectory(dir);
            FileChannel old = channel;
            channel = openForAppend(file);
            old.close();
            log.accept("Background AOF rewrite terminated with success");
            log.accept("Background AOF rewrite finished successfully");
            return true;
        } catch (RuntimeException | IOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            log.accept("Background AOF rewrite terminated with error: " + cause.getMessage());
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more to do: the old file is still the one in use
            }
            return false;
        } finally {
            rewrite = null;
            rewriteBuffer = null;
        }
    }

    /**
     * Writes the rewritten file's base: for each database that has keys, in order, {@code SELECT n},
     * then {@code SET} (and {@code PEXPIREAT}) per key; an empty database writes nothing. With one
     * database: {@code SELECT 0} and its keys, or nothing at all.
     *
     * <p>Redis: {@code aof.c}, {@code rewriteAppendOnlyFileRio} (the loop over {@code server.db[]}).
     */
    private static void writeBase(Path temp, KeyspaceCapture capture, ValueCodecs codecs) throws IOException {
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ReplyWriter w = new ReplyWriter();
            IOException[] failed = {null};
            for (int db = 0; db < capture.databaseCount() && failed[0] == null; db++) {
                if (capture.size(db) == 0) {
                    continue; // Redis: if (dictSize(d) == 0) continue;
                }
                appendCommand(w, List.of(SELECT, Integer.toString(db).getBytes(StandardCharsets.US_ASCII)));
                capture.forEach(db, (key, value, when) -> {
                    if (failed[0] != null) {
                        return;
                    }
                    codecs.of(value).rewrite(key.bytes(), value, argv -> appendCommand(w, argv));
                    if (when != NO_EXPIRE) {
                        appendCommand(w, List.of(PEXPIREAT, key.bytes(), Long.toString(when).getBytes(StandardCharsets.US_ASCII)));
                    }
                    if (w.size() >= SnapshotFile.BUFFER_BYTES) {
                        try {
                            drain(w, out);
                        } catch (IOException e) {
                            failed[0] = e;
                        }
                    }
                });
            }
            if (failed[0] != null) {
                throw failed[0];
            }
            drain(w, out);
            out.force(false);
        }
    }

    private static void drain(ReplyWriter w, FileChannel out) throws IOException {
        while (w.hasPending()) {
            w.writeTo(out);
        }
    }

    private static FileChannel openForAppend(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /**
     * Flushes aof_buf, fsyncs the file (whatever the policy: a clean stop loses nothing), stops the
     * {@code aof-fsync} thread and closes the file.
     *
     * <p>Redis: {@code server.c}, {@code prepareForShutdown} ({@code flushAppendOnlyFile(1)},
     * {@code redis_fsync}).
     */
    @Override
    public void close() throws IOException {
        flush();
        if (fsyncThread != null) {
            // not shutdownNow(): an interrupt in the middle of force() would close the channel
            fsyncThread.shutdown();
            try {
                fsyncThread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (channel.isOpen()) {
            channel.force(false);
            channel.close();
        }
    }
}
