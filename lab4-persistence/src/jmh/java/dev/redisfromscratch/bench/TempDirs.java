package dev.redisfromscratch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The benchmarks' scratch directories: each trial gets a new one under the system temp directory
 * (the same file system as the rest of the machine's disk work), deleted at its end, so a run
 * leaves no snapshot or append-only file behind.
 */
final class TempDirs {
    private TempDirs() {
    }

    /** @return a new empty directory named {@code prefix...} */
    static Path create(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }

    /** Deletes {@code dir} and everything in it; a missing directory is fine. */
    static void delete(Path dir) throws IOException {
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
