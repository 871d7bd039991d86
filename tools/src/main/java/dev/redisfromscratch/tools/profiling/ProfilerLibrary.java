package dev.redisfromscratch.tools.profiling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import one.profiler.AsyncProfiler;

/**
 * async-profiler's native library, taken out of its Maven jar ({@code tools.profiler:async-profiler},
 * which bundles {@code linux-x64/} and {@code linux-arm64/libasyncProfiler.so}) into a file, so that
 * a lab's JVM can load it with {@code -agentpath}.
 */
public final class ProfilerLibrary {
    private ProfilerLibrary() {
    }

    /**
     * Copies the library for this machine into {@code dir} (replacing an older copy).
     *
     * @return the library file
     * @throws IOException if it cannot be written
     * @throws IllegalStateException on a platform the jar has no library for (only Linux x64 and
     *     arm64 here)
     */
    public static Path extract(Path dir) throws IOException {
        String resource = resourceFor(System.getProperty("os.name"), System.getProperty("os.arch"));
        Files.createDirectories(dir);
        Path target = dir.resolve("libasyncProfiler.so");
        try (InputStream in = AsyncProfiler.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not in the async-profiler jar on the classpath");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** @return the library's path inside the jar for an {@code os.name} and {@code os.arch} */
    static String resourceFor(String osName, String osArch) {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            throw new IllegalStateException("./lab profile needs Linux (async-profiler's bundled library); this is " + osName);
        }
        switch (osArch) {
            case "amd64":
            case "x86_64":
                return "linux-x64/libasyncProfiler.so";
            case "aarch64":
            case "arm64":
                return "linux-arm64/libasyncProfiler.so";
            default:
                throw new IllegalStateException("async-profiler's jar has no library for " + osArch);
        }
    }
}
