package dev.redisfromscratch.server;

import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.persistence.PersistenceConfig;
import dev.redisfromscratch.persistence.SavePoints;
import picocli.CommandLine.Option;

/**
 * Lab 4's command-line options, with {@code redis-server}'s names and defaults:
 * {@code ./lab run 4 --appendonly yes --appendfsync always --dir /tmp/data}. A picocli mixin.
 */
public final class PersistenceOptions {
    /** Where the snapshot and the append-only file live. */
    @Option(names = "--dir", defaultValue = ".", description = "directory of the snapshot and the AOF (default: the current directory)")
    public String dir;

    /** The snapshot's file name. */
    @Option(names = "--dbfilename", defaultValue = PersistenceConfig.DEFAULT_DBFILENAME, description = "snapshot file name (default: ${DEFAULT-VALUE})")
    public String dbfilename;

    /** Save points: pairs of seconds and changes; "" for none. */
    @Option(names = "--save", defaultValue = SavePoints.DEFAULT, description = "save points, \"seconds changes ...\"; \"\" turns snapshots off (default: ${DEFAULT-VALUE})")
    public String save;

    /** The append-only file on or off. */
    @Option(names = "--appendonly", defaultValue = "no", description = "yes|no: log every write to the append-only file (default: ${DEFAULT-VALUE})")
    public String appendonly;

    /** The append-only file's name. */
    @Option(names = "--appendfilename", defaultValue = PersistenceConfig.DEFAULT_APPENDFILENAME, description = "append-only file name (default: ${DEFAULT-VALUE})")
    public String appendfilename;

    /** When the append-only file is fsynced. */
    @Option(names = "--appendfsync", defaultValue = "everysec", description = "always|everysec|no (default: ${DEFAULT-VALUE})")
    public String appendfsync;

    /**
     * @param config the configuration to add these options to
     * @return {@code config}
     */
    public ServerConfig applyTo(ServerConfig config) {
        return config.set("dir", dir)
                .set("dbfilename", dbfilename)
                .set("save", save)
                .set("appendonly", appendonly)
                .set("appendfilename", appendfilename)
                .set("appendfsync", appendfsync);
    }
}
