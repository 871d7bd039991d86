package dev.redisfromscratch.persistence;

import dev.redisfromscratch.aof.AofFormatException;
import dev.redisfromscratch.aof.AofLoader;
import dev.redisfromscratch.aof.AppendOnlyFile;
import dev.redisfromscratch.aof.FsyncPolicy;
import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandPipeline;
import dev.redisfromscratch.command.CommandSpec;
import dev.redisfromscratch.protocol.RedisError;
import dev.redisfromscratch.snapshot.EntrySource;
import dev.redisfromscratch.snapshot.KeyspaceCapture;
import dev.redisfromscratch.snapshot.SnapshotFile;
import dev.redisfromscratch.snapshot.SnapshotReader;
import dev.redisfromscratch.snapshot.ValueCodecs;
import dev.redisfromscratch.store.Databases;
import dev.redisfromscratch.store.ExpiryMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Everything that keeps the keyspace on disk, run from the server thread: loading at startup,
 * {@code SAVE} and {@code BGSAVE}, save points, the append-only file and its rewrite, the
 * {@code -MISCONF} refusal, and the final save at shutdown. The course plan's {@code Persistence}
 * class; the file formats themselves are in {@code snapshot} and {@code aof}.
 *
 * <pre>
 *   startup   load()                  the AOF if appendonly yes (and it exists), else the snapshot
 *             openAppendOnlyFile()    the AOF listens to the pipeline's propagation
 *   replies   beforeReply()           aof_buf written (and fsynced under always) before replies leave
 *   cron      cron()                  finish a BGSAVE or rewrite, start a scheduled one, save points
 *   commands  save() bgsave() bgrewriteaof() lastSave() flushAllSave() prepareForShutdown()
 *   refusals  refuse()                -MISCONF while the last background save failed
 * </pre>
 *
 * <p><b>Databases.</b> It keeps every database of a {@link Databases} (one in lab 4, sixteen in
 * lab 5): a save, a BGSAVE's capture and a rewrite cover them all, each keeping its number (the
 * snapshot's {@code {"select":n}} markers, the AOF's {@code SELECT n}), and loading fills them all.
 *
 * <p><b>Changes since the last save.</b> The databases' summed {@code dirty()} counter
 * ({@link Databases#dirty()}, Redis's one {@code server.dirty}) only grows; this class remembers its
 * value at the last successful save ({@code dirty_before_bgsave} for a background one), and the
 * difference is what save points count.
 *
 * <p><b>Time.</b> Save points and {@code LASTSAVE} read the databases' clock (injected in tests); the
 * background work runs on {@code background} (a thread per task in the server; tests may hold it).
 *
 * <p>Not thread-safe: every method but {@link #backgroundWorkDone()} and
 * {@link #onBackgroundWorkEnded} runs on the server thread.
 *
 * <p>Redis: {@code server.c} ({@code serverCron}, {@code prepareForShutdown},
 * {@code writeCommandsDeniedByDiskError}), {@code rdb.c} ({@code saveCommand},
 * {@code bgsaveCommand}, {@code backgroundSaveDoneHandler}), {@code aof.c}.
 */
public final class Persistence {
    /** Redis's reply to a write after a failed background save ({@code shared.bgsaveerr}). */
    public static final String MISCONF_SNAPSHOT = "MISCONF Redis is configured to save RDB snapshots, but it's "
            + "currently unable to persist to disk. Commands that may modify the data set are disabled, because "
            + "this instance is configured to report errors during writes if RDB snapshotting fails "
            + "(stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error.";
    /** Redis's reply to a write after a failed AOF write, before the error's text. */
    public static final String MISCONF_AOF = "MISCONF Errors writing to the AOF file: ";
    /** Seconds before a failed background save may be retried by a save point (Redis: {@code CONFIG_BGSAVE_RETRY_DELAY}). */
    public static final int BGSAVE_RETRY_DELAY_SECONDS = 5;

    private PersistenceConfig config;
    private final Databases dbs;
    private final CommandPipeline pipeline;
    private final ValueCodecs codecs;
    private final Executor background;
    private final Consumer<String> log;
    private final SnapshotFile snapshot;
    private final long pid;
    private AppendOnlyFile aof;
    private long lastSaveSeconds;
    private long dirtyAtLastSave;
    private boolean lastBgsaveOk = true;
    private long lastBgsaveTrySeconds;
    private CompletableFuture<Long> bgsave;
    private long dirtyAtBgsaveStart;
    private boolean bgsaveScheduled;
    private boolean rewriteScheduled;
    private boolean lastRewriteOk = true;
    private boolean stopWritesOnBgsaveError = true;
    private long lastLoadKeysLoaded;
    private long lastLoadKeysExpired;
    private volatile CompletableFuture<Void> backgroundDone = CompletableFuture.completedFuture(null);
    private final List<Runnable> backgroundEndListeners = new CopyOnWriteArrayList<>();

    /**
     * @param config the directory, file names, save points and AOF settings
     * @param dbs the databases ({@code Databases.single(store)} for a server with one)
     * @param pipeline the command pipeline: the AOF listens to it, and the AOF replays through it
     * @param codecs how each value type is persisted
     * @param background runs background saves and rewrites, one task each
     * @param log receives Redis's log lines
     */
    public Persistence(PersistenceConfig config, Databases dbs, CommandPipeline pipeline, ValueCodecs codecs,
                       Executor background, Consumer<String> log) {
        this.config = config;
        this.dbs = dbs;
        this.pipeline = pipeline;
        this.codecs = codecs;
        this.background = task -> background.execute(() -> { // each task tells the listeners it ended
            try {
                task.run();
            } finally {
                backgroundEndListeners.forEach(Runnable::run);
            }
        });
        this.log = log;
        this.pid = ProcessHandle.current().pid();
        this.snapshot = new SnapshotFile(config.dir(), config.dbFileName(), pid, codecs);
        this.lastSaveSeconds = nowSeconds();
        this.dirtyAtLastSave = dbs.dirty();
    }

    /** @return the append-only file, or {@code null} when {@code appendonly no} */
    public AppendOnlyFile appendOnlyFile() {
        return aof;
    }

    // ------------------------------------------------------------------------------ startup

    /**
     * Loads every database from disk: the append-only file when {@code appendonly yes} (if it
     * exists; a snapshot is then ignored, as Redis ignores its RDB), else the snapshot if it
     * exists. Expiry is off in every database while loading ({@link ExpiryMode#LOADING}); each
     * database's mode is put back afterwards.
     *
     * <p>Redis: {@code server.c}, {@code loadDataFromDisk}.
     *
     * @throws dev.redisfromscratch.snapshot.SnapshotFormatException for a bad snapshot, or one that
     *     names a database this server does not have (one line)
     * @throws AofFormatException for an AOF damaged before its last command, or with a
     *     {@code SELECT} of a database this server does not have (one line)
     * @throws IOException if a file cannot be read; {@code NoSuchFileException} if {@code dir} is not
     *     a directory (Redis: "Can't chdir to '...': No such file or directory")
     */
    public void load() throws IOException {
        if (!Files.isDirectory(config.dir())) {
            throw new NoSuchFileException(config.dir().toString(), null,
                    "Can't chdir to '" + config.dir() + "': No such file or directory");
        }
        long start = System.nanoTime();
        ExpiryMode[] modes = new ExpiryMode[dbs.count()];
        for (int db = 0; db < modes.length; db++) {
            modes[db] = dbs.db(db).expiryMode();
        }
        dbs.expiryMode(ExpiryMode.LOADING);
        try {
            if (config.appendOnly()) {
                var file = config.dir().resolve(config.appendFileName());
                if (Files.exists(file)) {
                    AofLoader.Result r = AofLoader.load(file, pipeline, AofLoader.loadingClient("aof"), dbs.count(), log);
                    log.accept("DB loaded from append only file: " + seconds(start) + " seconds ("
                            + r.commands() + " commands, " + r.validBytes() + " bytes)");
                }
            } else if (snapshot.exists()) {
                SnapshotReader.Counts counts = snapshot.load(dbs, dbs.clock().millis());
                lastLoadKeysLoaded = counts.loaded();
                lastLoadKeysExpired = counts.expired();
                log.accept("Done loading snapshot " + snapshot.path().getFileName() + ", keys loaded: "
                        + counts.loaded() + ", keys expired: " + counts.expired() + ".");
                log.accept("DB loaded from disk: " + seconds(start) + " seconds");
            }
        } finally {
            for (int db = 0; db < modes.length; db++) {
                dbs.db(db).expiryMode(modes[db]);
            }
        }
        dirtyAtLastSave = dbs.dirty();
    }

    /**
     * With {@code appendonly yes}: opens the append-only file (creating it) and makes it listen to
     * the pipeline's propagation. Call after {@link #load()}.
     *
     * @throws IOException if the file cannot be opened
     */
    public void openAppendOnlyFile() throws IOException {
        if (config.appendOnly() && aof == null) {
            aof = new AppendOnlyFile(config.dir(), config.appendFileName(), config.fsync(), pid, log);
            pipeline.addPropagationListener(aof);
        }
    }

    // ------------------------------------------------------------------------------ every batch

    /** Before replies are sent: aof_buf goes to the file (Redis: {@code beforeSleep}). */
    public void beforeReply() {
        if (aof != null) {
            aof.flush();
        }
    }

    /**
     * The {@code -MISCONF} refusal: while the last background save failed (and save points are
     * set, and {@code stop-writes-on-bgsave-error} is {@code yes}) or the last AOF write failed, write commands and {@code PING} are refused; reads work.
     *
     * <p>Redis: {@code server.c}, {@code processCommand} and {@code writeCommandsDeniedByDiskError}.
     *
     * @return the error text, or {@code null} to let the command run
     */
    public String refuse(Client client, CommandSpec spec) {
        if (!spec.has(CommandFlag.WRITE) && !spec.name().equals("ping")) {
            return null;
        }
        if (stopWritesOnBgsaveError && !config.savePoints().isEmpty() && !lastBgsaveOk) {
            return MISCONF_SNAPSHOT;
        }
        if (aof != null && aof.writeError() != null) {
            return MISCONF_AOF + aof.writeError();
        }
        return null;
    }

    // ------------------------------------------------------------------------------ commands

    /**
     * {@code SAVE}: saves every database now, on the server thread (every client waits).
     *
     * @return whether it succeeded (the failure is logged; {@code SAVE} then replies a bare {@code -ERR})
     * @throws RedisError {@code ERR Background save already in progress} while a BGSAVE runs
     */
    public boolean save() {
        if (bgsave != null) {
            throw new RedisError("ERR Background save already in progress");
        }
        long dirty = dbs.dirty();
        try {
            snapshot.save(EntrySource.of(dbs), dbs.clock().millis());
        } catch (IOException e) {
            logSaveError(e);
            return false;
        }
        saved(dirty);
        log.accept("DB saved on disk");
        return true;
    }

    /**
     * {@code BGSAVE [SCHEDULE]}: freezes every database now ({@link KeyspaceCapture}) and writes
     * them on a background thread while clients are served.
     *
     * @param schedule with {@code SCHEDULE}: if an AOF rewrite runs, start once it is done
     * @return the reply's text: {@code Background saving started} or {@code Background saving scheduled}
     * @throws RedisError {@code ERR Background save already in progress}, or Redis's error for a
     *     running AOF rewrite without {@code SCHEDULE}
     */
    public String bgsave(boolean schedule) {
        if (bgsave != null) {
            throw new RedisError("ERR Background save already in progress");
        }
        if (aof != null && aof.rewriteInProgress()) {
            if (schedule) {
                bgsaveScheduled = true;
                return "Background saving scheduled";
            }
            throw new RedisError("ERR Another child process is active (AOF?): can't BGSAVE right now. "
                    + "Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.");
        }
        startBgsave();
        return "Background saving started";
    }

    /**
     * {@code BGREWRITEAOF}: rewrites the append-only file from every database in the background
     * ({@link AppendOnlyFile#startRewrite}). With {@code appendonly no} there is no file to
     * rewrite: the reply is still Redis's, and nothing else happens.
     *
     * @return {@code Background append only file rewriting started}, or {@code ... scheduled} while
     *     a BGSAVE runs
     * @throws RedisError {@code ERR Background append only file rewriting already in progress}
     */
    public String bgrewriteaof() {
        if (aof != null && aof.rewriteInProgress()) {
            throw new RedisError("ERR Background append only file rewriting already in progress");
        }
        if (bgsave != null) {
            rewriteScheduled = true;
            return "Background append only file rewriting scheduled";
        }
        startRewrite();
        return "Background append only file rewriting started";
    }

    /** @return {@code LASTSAVE}: the Unix time in seconds of the last successful save (or of startup) */
    public long lastSave() {
        return lastSaveSeconds;
    }

    /** @return changes since the last successful save (INFO's {@code rdb_changes_since_last_save}) */
    public long changesSinceLastSave() {
        return dbs.dirty() - dirtyAtLastSave;
    }

    /**
     * {@code FLUSHALL}'s save: with save points set, the emptied keyspace is saved at once, so the
     * old snapshot does not come back at the next start. A running BGSAVE is waited for first
     * (Redis kills its child instead).
     *
     * <p>Redis: {@code db.c}, {@code flushAllDataAndResetRDB}.
     */
    public void flushAllSave() {
        if (config.savePoints().isEmpty()) {
            return;
        }
        if (bgsave != null) {
            bgsave.handle((keys, error) -> null).join();
            finishBgsave();
        }
        save();
    }

    /**
     * Gets ready to stop: waits for background work, flushes and fsyncs the append-only file, then
     * saves the snapshot if asked to (or, by default, if save points are set).
     *
     * <p>Redis: {@code server.c}, {@code prepareForShutdown} (and {@code finishShutdown}).
     *
     * @param save {@code true} ({@code SHUTDOWN SAVE}), {@code false} ({@code NOSAVE}) or
     *     {@code null}: save if save points are set
     * @param force ({@code FORCE}) stop even if the save fails
     * @return whether the server may stop; {@code false} if the save failed (logged)
     */
    public boolean prepareForShutdown(Boolean save, boolean force) {
        log.accept("User requested shutdown...");
        if (bgsave != null) {
            log.accept("There is a background save running: waiting for it.");
            bgsave.handle((keys, error) -> null).join();
            finishBgsave();
        }
        if (aof != null) {
            if (aof.rewriteInProgress()) {
                aof.rewriteFuture().handle((v, error) -> null).join();
                aof.finishRewriteIfDone();
            }
            log.accept("Calling fsync() on the AOF file.");
            aof.flush();
        }
        boolean doSave = save != null ? save : !config.savePoints().isEmpty();
        if (doSave) {
            log.accept("Saving the final snapshot before exiting.");
            if (!save() && !force) {
                log.accept("Error trying to save the DB, can't exit.");
                return false;
            }
        }
        closeAppendOnlyFile();
        log.accept("Redis is now ready to exit, bye bye...");
        return true;
    }

    /** Flushes, fsyncs and closes the append-only file, if open; errors are logged. */
    public void closeAppendOnlyFile() {
        if (aof == null) {
            return;
        }
        try {
            pipeline.removePropagationListener(aof);
            aof.close();
        } catch (IOException e) {
            log.accept("Error closing the AOF file: " + e.getMessage());
        }
        aof = null;
    }

    // ------------------------------------------------------------------------------ cron

    /**
     * The periodic work, on the server thread after lab 2's: completes a finished BGSAVE or rewrite,
     * starts a scheduled one, checks the save points, and flushes aof_buf (expiry's {@code DEL}s).
     *
     * <p>Redis: {@code server.c}, {@code serverCron} ({@code checkChildrenDone}, the
     * {@code saveparams} loop, {@code flushAppendOnlyFile}).
     */
    public void cron() {
        checkBackgroundDone();
        boolean busy = bgsave != null || aof != null && aof.rewriteInProgress();
        if (!busy) {
            if (rewriteScheduled) {
                rewriteScheduled = false;
                startRewrite();
            } else if (bgsaveScheduled) {
                bgsaveScheduled = false;
                startBgsave();
            } else {
                long now = nowSeconds();
                long changes = changesSinceLastSave();
                SavePoints.Point due = config.savePoints().due(changes, now - lastSaveSeconds);
                if (due != null && (lastBgsaveOk || now - lastBgsaveTrySeconds > BGSAVE_RETRY_DELAY_SECONDS)) {
                    log.accept(due.changes() + " changes in " + due.seconds() + " seconds. Saving...");
                    startBgsave();
                }
            }
        }
        if (aof != null) {
            aof.flush();
        }
    }

    // ------------------------------------------------------------------------------ CONFIG SET (lab 5)

    /** @return the configuration in force now (lab 5's {@code CONFIG SET} changes parts of it) */
    public PersistenceConfig config() {
        return config;
    }

    /**
     * {@code CONFIG SET save}: the cron checks the new save points from its next run.
     *
     * <p>Redis: {@code config.c}, {@code setConfigSaveOption}.
     */
    public void savePoints(SavePoints points) {
        config = config.withSavePoints(points);
    }

    /**
     * {@code stop-writes-on-bgsave-error}: whether writes are refused ({@code -MISCONF}) while the
     * last background save failed; {@code yes} by default (lab 4 always refuses).
     *
     * <p>Redis: {@code server.c}, {@code writeCommandsDeniedByDiskError}
     * ({@code server.stop_writes_on_bgsave_err}).
     */
    public void stopWritesOnBgsaveError(boolean stop) {
        this.stopWritesOnBgsaveError = stop;
    }

    /**
     * {@code CONFIG SET appendfsync}: later writes are fsynced under the new policy. An open file is
     * flushed, fsynced, closed and reopened for appending with it; a rewrite running then is waited
     * for and finished first (the server pauses for it), since it belongs to the file being closed.
     *
     * <p>Redis: {@code config.c}, {@code appendfsync} (Redis only changes {@code server.aof_fsync}).
     *
     * @throws IOException if the file cannot be reopened: the append-only file is then off
     */
    public void appendFsync(FsyncPolicy policy) throws IOException {
        config = config.withFsync(policy);
        if (aof == null || aof.policy() == policy) {
            return;
        }
        awaitRewrite();
        closeAppendOnlyFile();
        try {
            openAppendOnlyFile();
        } catch (IOException e) {
            config = config.withAppendOnly(false);
            throw e;
        }
    }

    /**
     * {@code CONFIG SET appendonly yes|no}: turns the append-only file on or off while the server runs.
     *
     * <ul>
     *   <li>On: the file is started empty (whatever it held is stale) and listens to the pipeline at
     *       once; a rewrite then writes the whole keyspace into it, as {@code BGREWRITEAOF} does
     *       (scheduled if a background save is running), and the writes made meanwhile join it.
     *   <li>Off: a running rewrite is waited for and dropped, then the file is flushed, fsynced and
     *       closed; nothing more is written to it.
     * </ul>
     *
     * <p>Redis: {@code aof.c}, {@code startAppendOnly} and {@code stopAppendOnly};
     * {@code config.c}, {@code updateAppendonly}.
     *
     * @throws IOException if the file cannot be created or opened: it stays off (Redis replies
     *     {@code Unable to turn on AOF. Check server logs.})
     */
    public void appendOnly(boolean on) throws IOException {
        if (on == (aof != null)) {
            config = config.withAppendOnly(on);
            return;
        }
        if (!on) {
            if (aof.rewriteInProgress()) {
                aof.rewriteFuture().handle((v, error) -> null).join();
                Files.deleteIfExists(aof.rewriteTempPath());
            }
            closeAppendOnlyFile();
            rewriteScheduled = false;
            config = config.withAppendOnly(false);
            completeBackgroundDoneIfIdle();
            return;
        }
        try {
            Files.write(config.dir().resolve(config.appendFileName()), new byte[0]); // create, or empty a stale one
            config = config.withAppendOnly(true);
            openAppendOnlyFile();
        } catch (IOException e) {
            config = config.withAppendOnly(false);
            log.accept("Can't open the append-only file: " + e.getMessage());
            throw e;
        }
        if (bgsave != null) {
            rewriteScheduled = true;
            log.accept("AOF was enabled but there is already another background operation. "
                    + "An AOF background was scheduled to start when possible.");
        } else {
            startRewrite();
        }
    }

    private void awaitRewrite() {
        if (aof != null && aof.rewriteInProgress()) {
            aof.rewriteFuture().handle((v, error) -> null).join();
            Boolean rewritten = aof.finishRewriteIfDone();
            if (rewritten != null) {
                lastRewriteOk = rewritten;
            }
            completeBackgroundDoneIfIdle();
        }
    }

    // ------------------------------------------------------------------------------ INFO (lab 5)

    /** @return whether a background save is running ({@code rdb_bgsave_in_progress}) */
    public boolean bgsaveInProgress() {
        return bgsave != null;
    }

    /** @return whether the last background save succeeded, or none failed yet ({@code rdb_last_bgsave_status}) */
    public boolean lastBgsaveOk() {
        return lastBgsaveOk;
    }

    /** @return whether a rewrite waits for a background save to end ({@code aof_rewrite_scheduled}) */
    public boolean rewriteScheduled() {
        return rewriteScheduled;
    }

    /** @return whether the last finished rewrite succeeded, or none finished yet ({@code aof_last_bgrewrite_status}) */
    public boolean lastRewriteOk() {
        return lastRewriteOk;
    }

    /** @return keys read from the snapshot at startup, 0 if none was loaded ({@code rdb_last_load_keys_loaded}) */
    public long lastLoadKeysLoaded() {
        return lastLoadKeysLoaded;
    }

    /** @return keys of the snapshot dropped at startup because they had expired ({@code rdb_last_load_keys_expired}) */
    public long lastLoadKeysExpired() {
        return lastLoadKeysExpired;
    }

    /**
     * Applies the result of a background save or rewrite that has ended (the save's time and
     * status, the rewritten file swapped in); does nothing while they run. The cron calls it on
     * every run; a server whose thread can be woken calls it as soon as a task ends
     * ({@link #onBackgroundWorkEnded}). Server thread only.
     *
     * <p>Redis: {@code server.c}, {@code checkChildrenDone} ({@code backgroundSaveDoneHandler},
     * {@code backgroundRewriteDoneHandler}).
     */
    public void checkBackgroundDone() {
        finishBgsave();
        Boolean rewritten = aof == null ? null : aof.finishRewriteIfDone();
        if (rewritten != null) {
            lastRewriteOk = rewritten;
            completeBackgroundDoneIfIdle();
        }
    }

    /**
     * Runs {@code listener} on the background thread each time a background save or rewrite task
     * ends, so that the server thread can be told at once rather than at its next cron run (lab 7:
     * the event loop queues {@link #checkBackgroundDone} and wakes). The listener must not touch
     * the server's state itself.
     *
     * @param listener called from the background thread, after the task's result is set
     */
    public void onBackgroundWorkEnded(Runnable listener) {
        backgroundEndListeners.add(listener);
    }

    /**
     * For tests and tools: completes once the background save or rewrite running now (if any) has
     * finished and the server thread has applied its result. Safe from any thread.
     */
    public CompletableFuture<Void> backgroundWorkDone() {
        return backgroundDone;
    }

    // ------------------------------------------------------------------------------ internals

    private void startBgsave() {
        lastBgsaveTrySeconds = nowSeconds();
        long now = dbs.clock().millis();
        KeyspaceCapture capture = KeyspaceCapture.of(dbs, codecs, now); // the point in time
        dirtyAtBgsaveStart = dbs.dirty();
        newBackgroundWork();
        bgsave = CompletableFuture.supplyAsync(() -> {
            try {
                return snapshot.save(capture, now);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, background);
        log.accept("Background saving started (" + capture.size() + " keys captured)");
    }

    private void finishBgsave() {
        if (bgsave == null || !bgsave.isDone()) {
            return;
        }
        try {
            bgsave.join();
            saved(dirtyAtBgsaveStart);
            log.accept("Background saving terminated with success");
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                logSaveError(io.getCause());
            } else {
                log.accept("Background saving failed: " + cause);
            }
            lastBgsaveOk = false;
            log.accept("Background saving error");
        }
        bgsave = null;
        completeBackgroundDoneIfIdle();
    }

    private void startRewrite() {
        if (aof == null) {
            log.accept("Background append only file rewriting skipped: appendonly is no");
            return;
        }
        newBackgroundWork();
        aof.startRewrite(KeyspaceCapture.of(dbs, codecs, dbs.clock().millis()), codecs, background);
        log.accept("Background append only file rewriting started");
    }

    private void newBackgroundWork() {
        if (backgroundDone.isDone()) {
            backgroundDone = new CompletableFuture<>();
        }
    }

    private void completeBackgroundDoneIfIdle() {
        if (bgsave == null && (aof == null || !aof.rewriteInProgress())) {
            backgroundDone.complete(null);
        }
    }

    private void saved(long dirtyAtStart) {
        lastSaveSeconds = nowSeconds();
        dirtyAtLastSave = dirtyAtStart;
        lastBgsaveOk = true;
    }

    /** Redis's two lines: the temp file could not be created, or writing it failed. */
    private void logSaveError(IOException e) {
        if (e instanceof NoSuchFileException || e instanceof AccessDeniedException) {
            String reason = e instanceof NoSuchFileException ? "No such file or directory" : "Permission denied";
            log.accept("Failed opening the temp snapshot file " + snapshot.tempPath().getFileName() + " (in server root dir "
                    + config.dir() + ") for saving: " + reason);
        } else {
            log.accept("Write error saving DB on disk: " + e.getMessage());
        }
    }

    private long nowSeconds() {
        return dbs.clock().millis() / 1000;
    }

    private static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.3f", (System.nanoTime() - startNanos) / 1e9);
    }
}
