package dev.redisfromscratch.replication;

import dev.redisfromscratch.snapshot.EntrySource;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the snapshot a full resync sends: an RDB file (package {@code rdb}) of a point-in-time
 * capture of the keyspace, with the replication ID and offset it stands at as aux fields
 * ({@code repl-id}, {@code repl-offset}), as Redis's {@code rdbSaveRio} writes them for a replica.
 */
@FunctionalInterface
public interface SnapshotWriter {
    /**
     * @param source the keys to write, database by database
     * @param replid the primary's replication ID the snapshot belongs to
     * @param offset the primary's replication offset the snapshot stands at
     * @param out where the bytes go
     * @throws IOException if {@code out} fails
     */
    void write(EntrySource source, String replid, long offset, OutputStream out) throws IOException;
}
