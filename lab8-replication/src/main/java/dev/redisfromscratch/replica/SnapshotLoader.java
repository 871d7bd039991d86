package dev.redisfromscratch.replica;

import dev.redisfromscratch.store.Databases;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the snapshot of a full resynchronization (an RDB file, as the primary sent it) into the
 * databases, which the caller has emptied. The server wires {@code rdb.RdbReader::load}.
 *
 * <p>Redis: {@code rdb.c}, {@code rdbLoadRio}, called by {@code readSyncBulkPayload}.
 */
@FunctionalInterface
public interface SnapshotLoader {
    /**
     * @param in the snapshot's bytes, {@code REDIS0010...} up to its checksum
     * @param dbs the emptied databases
     * @return the number of keys loaded
     * @throws IOException if the snapshot is malformed or of a type this server does not read
     */
    long load(InputStream in, Databases dbs) throws IOException;
}
