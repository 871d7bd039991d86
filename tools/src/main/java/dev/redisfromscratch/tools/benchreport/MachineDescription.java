package dev.redisfromscratch.tools.benchreport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Where and when the benchmarks ran, for the report's header: a score means little without the
 * machine it came from.
 *
 * @param cores the processors the JVM sees
 * @param cpu the CPU model ({@code /proc/cpuinfo}), or {@code unknown CPU}
 * @param os operating system, version and architecture
 * @param date when the report was written, UTC, e.g. {@code 2025-01-31 14:05 UTC}
 */
public record MachineDescription(int cores, String cpu, String os, String date) {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** @return this machine, now according to {@code clock} */
    public static MachineDescription current(Clock clock) {
        return new MachineDescription(Runtime.getRuntime().availableProcessors(), cpuModel(Path.of("/proc/cpuinfo")),
                System.getProperty("os.name") + " " + System.getProperty("os.version")
                        + " (" + System.getProperty("os.arch") + ")",
                DATE.format(clock.instant()));
    }

    /** @return the first {@code model name} line's value of a cpuinfo file, or {@code unknown CPU} */
    static String cpuModel(Path cpuinfo) {
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            for (String line : lines) {
                if (line.startsWith("model name") && line.contains(":")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: say so below
        }
        return "unknown CPU";
    }

    /** @return e.g. {@code 2 cores (Intel Xeon @ 2.50GHz), Linux 6.1 (amd64)} */
    public String describe() {
        return cores + (cores == 1 ? " core" : " cores") + " (" + cpu + "), " + os;
    }
}
