package dev.redisfromscratch.tools.profiling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import one.profiler.AsyncProfiler;

/**
 * How async-profiler samples the server's CPU time, and why that way.
 *
 * <p>{@code cpu} uses Linux perf_events: precise, and the only mode that shows kernel frames (the
 * {@code read}/{@code write} system calls under the server's Java code). The kernel may forbid it
 * ({@code kernel.perf_event_paranoid}, or seccomp in a container). async-profiler then quietly
 * samples with a timer instead; we would rather say so, so {@link #choose} asks for a perf event
 * explicitly ({@code cpu-clock}, which has no quiet fallback) and, if that fails, picks
 * {@code itimer} ({@code setitimer(ITIMER_PROF)}: Java frames only, always allowed).
 *
 * @param event the async-profiler event, {@code cpu} or {@code itimer}
 * @param explanation one line for the user: which mode, and why
 */
public record SamplingMode(String event, String explanation) {
    /** The kernel setting that limits perf_events for unprivileged processes. */
    public static final Path PERF_EVENT_PARANOID = Path.of("/proc/sys/kernel/perf_event_paranoid");

    /**
     * Tries a perf event with async-profiler in this JVM and picks the mode.
     *
     * @param library the extracted native library
     * @return {@code cpu} if perf_events work here, else {@code itimer}
     */
    public static SamplingMode choose(Path library) {
        AsyncProfiler profiler = AsyncProfiler.getInstance(library.toString());
        return choose(command -> {
            try {
                profiler.execute(command);
                profiler.execute("stop");
                return Optional.empty();
            } catch (IOException | IllegalStateException e) {
                return Optional.of(String.valueOf(e.getMessage()).trim());
            }
        }, paranoid(PERF_EVENT_PARANOID));
    }

    /**
     * Picks the mode from a probe's answer.
     *
     * @param probe runs an async-profiler command; returns the error, or empty if it worked
     * @param paranoid the value of {@code kernel.perf_event_paranoid}, if readable, for the message
     * @return the mode and its explanation
     */
    static SamplingMode choose(Function<String, Optional<String>> probe, Optional<Integer> paranoid) {
        Optional<String> error = probe.apply("start,event=cpu-clock");
        String setting = paranoid.map(p -> "kernel.perf_event_paranoid=" + p).orElse("kernel.perf_event_paranoid unknown");
        if (error.isEmpty()) {
            return new SamplingMode("cpu", "event=cpu: perf_events are permitted here (" + setting
                    + "), so kernel frames (system calls) show too");
        }
        return new SamplingMode("itimer", "perf events are not permitted here (" + setting + "; async-profiler: "
                + error.get() + "): falling back to itimer mode, which samples Java frames only. "
                + "To see kernel frames: sudo sysctl kernel.perf_event_paranoid=1");
    }

    /** @return the mode forced by the user ({@code --event cpu} or {@code --event itimer}) */
    public static SamplingMode forced(String event) {
        return new SamplingMode(event, "event=" + event + " (chosen with --event)");
    }

    /** @return the integer in a {@code perf_event_paranoid} file, if it can be read */
    static Optional<Integer> paranoid(Path file) {
        try {
            return Optional.of(Integer.parseInt(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
