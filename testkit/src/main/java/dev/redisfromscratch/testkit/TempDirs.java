package dev.redisfromscratch.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Scratch directories for tests, benchmarks and real redis-servers: made under the system temp
 * directory (the same file system as the rest of the machine's disk work) and deleted, with
 * everything in them, when done, so a run leaves no snapshot or append-only file behind.
 */
public final class TempDirs {
    private TempDirs() {
    }

    /**
     * @return a new empty directory named {@code prefix...}
     * @throws IOException if it cannot be made
     */
    public static Path create(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }

    /**
     * Deletes {@code dir} and everything in it; a missing directory is fine.
     *
     * @throws IOException if something in it cannot be deleted
     */
    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
