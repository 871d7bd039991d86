package dev.redisfromscratch.persistence;

import dev.redisfromscratch.aof.FsyncPolicy;
import dev.redisfromscratch.config.ServerConfig;
import java.nio.file.Path;

/**
 * Lab 4's configuration parameters, with Redis's names and defaults, kept in the server's
 * {@link ServerConfig} so that {@code CONFIG GET} reports them.
 *
 * <pre>
 *   dir              .                        where the snapshot and the AOF live (made absolute)
 *   dbfilename       dump.json                the snapshot (Redis: dump.rdb)
 *   save             3600 1 300 100 60 10000  save points; "" turns snapshots off
 *   appendonly       no                       the append-only file on or off
 *   appendfilename   appendonly.aof
 *   appendfsync      everysec                 always | everysec | no
 *   aof-load-truncated         yes            a torn last command is cut off (not configurable here)
 *   stop-writes-on-bgsave-error yes           -MISCONF after a failed background save
 * </pre>
 *
 * <p>Redis: {@code redis.conf}; {@code config.c}, {@code standardConfig configs[]}.
 *
 * @param dir the directory, absolute
 * @param dbFileName the snapshot's file name
 * @param savePoints when the cron saves
 * @param appendOnly whether the append-only file is on
 * @param appendFileName the append-only file's name
 * @param fsync the append-only file's fsync policy
 */
public record PersistenceConfig(Path dir, String dbFileName, SavePoints savePoints, boolean appendOnly,
                                String appendFileName, FsyncPolicy fsync) {
    /** Redis's {@code dbfilename}, for JSON. */
    public static final String DEFAULT_DBFILENAME = "dump.json";
    /** Redis's {@code appendfilename}. */
    public static final String DEFAULT_APPENDFILENAME = "appendonly.aof";

    /**
     * Adds lab 4's parameters with Redis's defaults to {@code config}, keeping those already set
     * there. Lab 1's {@code ServerConfig} starts with {@code save ""} (labs 1–3 persist nothing),
     * so a lab 4 server without options has no save points unless asked: {@code ./lab run 4} asks
     * for Redis's.
     *
     * @return {@code config}
     */
    public static ServerConfig addDefaults(ServerConfig config) {
        putIfAbsent(config, "dir", Path.of("").toAbsolutePath().toString());
        putIfAbsent(config, "dbfilename", DEFAULT_DBFILENAME);
        putIfAbsent(config, "appendfilename", DEFAULT_APPENDFILENAME);
        putIfAbsent(config, "appendfsync", FsyncPolicy.EVERYSEC.configValue());
        putIfAbsent(config, "aof-load-truncated", "yes");
        putIfAbsent(config, "stop-writes-on-bgsave-error", "yes");
        return config;
    }

    /**
     * @return the parameters in {@code config} (after {@link #addDefaults}), checked
     * @throws IllegalArgumentException for a bad value, with Redis's wording where it has one
     */
    public static PersistenceConfig from(ServerConfig config) {
        addDefaults(config);
        Path dir = Path.of(config.all().get("dir")).toAbsolutePath().normalize();
        config.set("dir", dir.toString()); // CONFIG GET dir gives the absolute path, as Redis's
        SavePoints save = SavePoints.parse(config.all().get("save"));
        config.set("save", save.toString());
        String appendonly = config.all().get("appendonly");
        if (!appendonly.equals("yes") && !appendonly.equals("no")) {
            throw new IllegalArgumentException("argument must be 'yes' or 'no'");
        }
        FsyncPolicy fsync = FsyncPolicy.parse(config.all().get("appendfsync"));
        config.set("appendfsync", fsync.configValue());
        return new PersistenceConfig(dir, config.all().get("dbfilename"), save, appendonly.equals("yes"),
                config.all().get("appendfilename"), fsync);
    }

    /** @return this configuration with other save points (lab 5's {@code CONFIG SET save}) */
    public PersistenceConfig withSavePoints(SavePoints points) {
        return new PersistenceConfig(dir, dbFileName, points, appendOnly, appendFileName, fsync);
    }

    /** @return this configuration with the append-only file on or off ({@code CONFIG SET appendonly}) */
    public PersistenceConfig withAppendOnly(boolean on) {
        return new PersistenceConfig(dir, dbFileName, savePoints, on, appendFileName, fsync);
    }

    /** @return this configuration with another fsync policy ({@code CONFIG SET appendfsync}) */
    public PersistenceConfig withFsync(FsyncPolicy policy) {
        return new PersistenceConfig(dir, dbFileName, savePoints, appendOnly, appendFileName, policy);
    }

    private static void putIfAbsent(ServerConfig config, String name, String value) {
        if (!config.all().containsKey(name)) {
            config.set(name, value);
        }
    }
}
