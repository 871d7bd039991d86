package dev.redisfromscratch.info;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the operating system and the JVM say about this process, for {@code INFO}'s Server, Memory
 * and CPU sections. Each value that cannot be read here (not Linux, no {@code /proc}) is
 * {@code -1}, and its field is left out.
 *
 * <ul>
 *   <li>memory in use: the JVM heap's used bytes, the closest thing to what Redis's allocator
 *       reports as {@code used_memory} (it includes garbage not collected yet);
 *   <li>resident set: {@code VmRSS} from {@code /proc/self/status};
 *   <li>CPU time: {@code utime}, {@code stime}, {@code cutime}, {@code cstime} from
 *       {@code /proc/self/stat}, in clock ticks of 1/100 s ({@code USER_HZ}, 100 on Linux);
 *   <li>system memory: the OS's total physical memory, from the JVM.
 * </ul>
 *
 * <p>Redis: {@code zmalloc.c} ({@code zmalloc_used_memory}, {@code zmalloc_get_rss}),
 * {@code server.c} ({@code getrusage} in the CPU section).
 */
public final class ProcessMetrics {
    /** Linux's {@code USER_HZ}: {@code /proc} counts CPU time in hundredths of a second. */
    private static final int TICKS_PER_SECOND = 100;

    private ProcessMetrics() {
    }

    /** @return heap bytes in use */
    public static long usedMemory() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** @return the resident set size in bytes, or -1 */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    /** @return the machine's physical memory in bytes, or -1 */
    public static long totalSystemMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    /**
     * @return user, system, children's user and children's system CPU time in microseconds, or
     *     {@code null}
     */
    public static long[] cpuMicros() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            // pid (comm) state ppid ...: comm may hold spaces, so count fields after its ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long tick = 1_000_000 / TICKS_PER_SECOND;
            return new long[] {Long.parseLong(f[11]) * tick, Long.parseLong(f[12]) * tick,
                Long.parseLong(f[13]) * tick, Long.parseLong(f[14]) * tick};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** @return microseconds as Redis prints a {@code timeval}: {@code 0.162066} */
    public static String seconds(long micros) {
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    /** @return {@code uname}'s system, release and machine, as the {@code os} field shows them */
    public static String os() {
        String arch = System.getProperty("os.arch");
        if ("amd64".equals(arch)) {
            arch = "x86_64"; // the JVM's name for what uname calls x86_64
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + arch;
    }

    /** @return 64 or 32 */
    public static int archBits() {
        return "32".equals(System.getProperty("sun.arch.data.model")) ? 32 : 64;
    }
}
