package dev.redisfromscratch.tools.profiling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
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
 * <p>{@code wall} is only ever chosen with {@code --event wall}: it samples wall-clock time, so a
 * thread waiting in {@code accept} or {@code poll} counts as much as one running. Every thread of
 * the JVM would be sampled (the JIT compilers, the GC, the signal dispatcher, all waiting for ever),
 * so this mode keeps only the stacks of the thread that serves the clients ({@link #SERVER_FRAMES}:
 * labs 1 to 4's accept loop, the thread {@code server-<port>}; lab 7's event-loop thread), puts that
 * thread's name at the root of the graph, and samples every {@value #WALL_INTERVAL_MILLIS} ms rather
 * than every millisecond.
 *
 * <p>{@code lock}, chosen with {@code --event lock}, records no CPU time at all: each time a thread
 * had to wait for a lock another thread held (a {@code java.util.concurrent} lock, parked, or a
 * {@code synchronized} monitor), the stack that waited and for how long. With {@code total} the
 * graph's widths are nanoseconds waited, not event counts: lab 5's client threads queueing for its
 * global lock.
 *
 * @param event the async-profiler event, {@code cpu}, {@code itimer}, {@code wall} or {@code lock}
 * @param explanation one line for the user: which mode, and why
 */
public record SamplingMode(String event, String explanation) {
    /** The kernel setting that limits perf_events for unprivileged processes. */
    public static final Path PERF_EVENT_PARANOID = Path.of("/proc/sys/kernel/perf_event_paranoid");
    /** The events {@code --event} accepts besides {@code auto}. */
    public static final List<String> EVENTS = List.of("cpu", "itimer", "wall", "lock");
    /** CPU sampling interval, in nanoseconds (1 ms: about 1,000 samples per busy second). */
    public static final long CPU_INTERVAL_NANOS = 1_000_000;
    /** Wall-clock sampling interval, in milliseconds: 100 samples a second of the server thread. */
    public static final int WALL_INTERVAL_MILLIS = 10;
    /**
     * async-profiler's {@code include} patterns for wall mode; a stack is kept if a frame matches any
     * of them (frames are named {@code dev/redisfromscratch/tcp/BlockingServer.serve}): the frames of
     * {@code BlockingServer}'s {@code serve}, {@code serveOne} and {@code serveClient}, found only on
     * labs 1 to 4's server thread, and lab 7's {@code EventLoop.run} (and {@code runTasks}...), found
     * only on the event-loop thread (the main thread waiting in {@code awaitStop}, also in the
     * {@code eventloop} package, is left out).
     */
    public static final List<String> SERVER_FRAMES = List.of("*BlockingServer.serve*", "*/eventloop/EventLoop.run*");

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

    /**
     * @param event {@code cpu}, {@code itimer}, {@code wall} or {@code lock}, as given with {@code --event}
     * @return the mode forced by the user
     * @throws IllegalArgumentException for another event
     */
    public static SamplingMode forced(String event) {
        if (!EVENTS.contains(event)) {
            throw new IllegalArgumentException("unknown event " + event + "; expected one of " + EVENTS);
        }
        if (event.equals("wall")) {
            return new SamplingMode(event, "event=wall (chosen with --event): wall-clock time of the server thread only"
                    + " (stacks through BlockingServer.serve, or lab 7's event loop), a sample every " + WALL_INTERVAL_MILLIS
                    + " ms whether it runs or waits; waiting in accept, poll or read counts as much as running");
        }
        if (event.equals("lock")) {
            return new SamplingMode(event, "event=lock (chosen with --event): time threads spent waiting for a lock another"
                    + " thread held (java.util.concurrent locks and synchronized), with the stack that waited;"
                    + " widths are nanoseconds waited (total), no CPU time is sampled");
        }
        return new SamplingMode(event, "event=" + event + " (chosen with --event)");
    }

    /**
     * The agent's sampling options for this mode, to put after {@code start,} in
     * {@code -agentpath:libasyncProfiler.so=...}.
     *
     * @return {@code event=E,interval=N} for {@code cpu} and {@code itimer}; for {@code wall} also
     *     {@code threads} (the thread's name as the root frame) and an {@code include=} for each of
     *     {@link #SERVER_FRAMES};
     *     {@code event=lock,total} for {@code lock} (async-profiler's default threshold)
     */
    public String agentOptions() {
        if (event.equals("lock")) {
            return "event=lock,total";
        }
        if (event.equals("wall")) {
            return "event=wall,interval=" + WALL_INTERVAL_MILLIS + "ms,threads"
                    + SERVER_FRAMES.stream().map(frames -> ",include=" + frames).collect(Collectors.joining());
        }
        return "event=" + event + ",interval=" + CPU_INTERVAL_NANOS;
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
