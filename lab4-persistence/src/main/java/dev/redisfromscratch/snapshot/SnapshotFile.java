package dev.redisfromscratch.snapshot;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.redisfromscratch.store.DataStore;
import dev.redisfromscratch.store.Databases;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The snapshot on disk: {@code <dir>/<dbfilename>} ({@code dump.json} by default), saved atomically
 * and loaded at startup.
 *
 * <p><b>The atomic save</b>, as Redis's {@code rdbSave}:
 * <pre>
 *   open    &lt;dir&gt;/temp-&lt;pid&gt;.json        a new file beside the snapshot (same file system)
 *   write   the whole snapshot               through a 64 KiB buffer
 *   fsync   the temp file                    its bytes are on the disk now
 *   rename  temp-&lt;pid&gt;.json → dump.json    atomic: readers see the old file or the new one
 *   fsync   the directory                    the rename itself is on the disk now
 * </pre>
 * A crash before the rename leaves the old snapshot (and a stray temp file); after it, the new one.
 * Never a mix: the snapshot file is never written in place.
 *
 * <p>Redis: {@code rdb.c}, {@code rdbSave} ({@code temp-%d.rdb}, {@code fflush}, {@code fsync},
 * {@code rename}, {@code fsyncFileDir}) and {@code rdbLoad}.
 */
public final class SnapshotFile {
    /** Bytes buffered between the JSON generator and the file. */
    public static final int BUFFER_BYTES = 64 * 1024;

    private final Path dir;
    private final Path file;
    private final long pid;
    private final SnapshotWriter writer;
    private final SnapshotReader reader;

    /**
     * @param dir the directory ({@code dir}); the temp file goes there too
     * @param fileName the snapshot's name ({@code dbfilename})
     * @param pid the process id that names the temp file
     * @param codecs how each value type is written and read
     */
    public SnapshotFile(Path dir, String fileName, long pid, ValueCodecs codecs) {
        this.dir = dir;
        this.file = dir.resolve(fileName);
        this.pid = pid;
        this.writer = new SnapshotWriter(codecs);
        this.reader = new SnapshotReader(codecs);
    }

    /** @return the snapshot's path */
    public Path path() {
        return file;
    }

    /** @return the temp file a save writes first: {@code <dir>/temp-<pid>.json} */
    public Path tempPath() {
        return dir.resolve("temp-" + pid + ".json");
    }

    /**
     * Saves {@code source} atomically (see the class comment): the temp file, fsync, rename over the
     * snapshot with {@code ATOMIC_MOVE}, fsync of the directory. On failure the temp file is
     * deleted and the old snapshot is untouched. Every database of {@code source} is saved, each
     * after its marker ({@link SnapshotWriter#write}).
     *
     * @param nowMillis the current Unix time in ms: keys expired before it are not written
     * @return the number of keys written
     * @throws IOException if any step fails, e.g. {@code NoSuchFileException} for a missing directory
     */
    public long save(EntrySource source, long nowMillis) throws IOException {
        // BEGIN SOLUTION
        Path temp = tempPath();
        long keys;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
             OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES)) {
            keys = writer.write(out, source, nowMillis);
            out.flush();          // everything is in the kernel's page cache...
            channel.force(true);  // ...and now on the disk: fsync(2)
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING); // rename(2)
        fsyncDirectory(dir);      // the new directory entry is on the disk too
        return keys;
        // END SOLUTION
        // STUB: throw new UnsupportedOperationException("TODO(lab4): stage 1: write temp-<pid>.json, fsync it, rename it over the snapshot (ATOMIC_MOVE), fsync the directory");
    }

    /** @return whether the snapshot file exists */
    public boolean exists() {
        return Files.exists(file);
    }

    /**
     * Loads the snapshot into {@code store}, a server's one database.
     *
     * @param nowMillis the current Unix time in ms: keys that expired before it are dropped
     * @return how many keys were loaded and dropped
     * @throws SnapshotFormatException as {@link #load(Databases, long)}; a marker of any database
     *     but 0 is out of range here
     * @throws IOException if it cannot be read
     */
    public SnapshotReader.Counts load(DataStore store, long nowMillis) throws IOException {
        return load(Databases.single(store), nowMillis);
    }

    /**
     * Loads the snapshot into {@code dbs}, each key into the database its marker names
     * ({@link SnapshotFormat}).
     *
     * @param nowMillis the current Unix time in ms: keys that expired before it are dropped
     * @return how many keys were loaded and dropped, in all databases
     * @throws SnapshotFormatException if the file is corrupt or cut short, or names a database
     *     {@code dbs} does not have: one line with the file, line, column and byte
     * @throws IOException if it cannot be read
     */
    public SnapshotReader.Counts load(Databases dbs, long nowMillis) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES)) {
            return reader.read(in, dbs, nowMillis);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String reason = e.getOriginalMessage().lines().findFirst().orElse("corrupt");
            throw at == null
                    ? new SnapshotFormatException(file, reason, 0, 0, -1)
                    : new SnapshotFormatException(file, reason, at.getLineNr(), at.getColumnNr(), at.getByteOffset());
        }
    }

    /**
     * fsyncs a directory, so that a rename or a new file in it survives a power cut.
     *
     * <p>Redis: {@code util.c}, {@code fsyncFileDir}.
     *
     * @throws IOException if it cannot be opened or synced
     */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
