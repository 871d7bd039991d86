package dev.redisfromscratch.threaded;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * How {@link ThreadedServer} makes its threads (the accept thread, one per client, the cron's):
 * platform threads, one kernel thread each, or, on JDK 21 and later with
 * {@code -D}{@value #PROPERTY}{@code =virtual}, virtual threads, which the JVM runs on a few
 * carrier threads and parks, instead of the kernel, while they wait. The server's code is the same
 * either way. A virtual thread waiting for the {@link GlobalLock} (a {@code ReentrantLock}) parks and
 * frees its carrier on every JDK. Waiting in its connection's {@code Selector.select} is another
 * matter: before JDK 25 a selection operation pins the carrier (it holds the selector's monitor and
 * blocks in {@code epoll_wait}; the scheduler lends a spare carrier meanwhile, up to
 * {@code jdk.virtualThreadScheduler.maxPoolSize}, 256 by default, so a few hundred idle clients
 * exhaust it); from JDK 25 on Linux it parks the virtual thread instead. So this is worth running
 * on JDK 25 or later, where each client's wait really is a parked continuation.
 *
 * <p>The workbook builds for Java 17, which has no {@code Thread.ofVirtual()}, so it is looked up
 * at run time through {@link MethodHandles} ({@code Thread.ofVirtual().name(n).unstarted(r)}):
 * compiled on 17, it works on 21+, and on 17 asking for virtual threads fails at start with a
 * message. {@code ./lab bench compare} runs lab 5 this way as one more line where a JDK 21+ is
 * installed.
 */
public final class ServerThreads {
    /** The system property that chooses: {@code platform} (the default) or {@code virtual}. */
    public static final String PROPERTY = "threaded.threads";

    private static final MethodHandle VIRTUAL = virtualThreadMaker();

    private ServerThreads() {
    }

    /** @return whether {@value #PROPERTY} asks for virtual threads */
    public static boolean virtual() {
        return "virtual".equals(System.getProperty(PROPERTY, "platform"));
    }

    /**
     * @param body what the thread runs
     * @param name its name
     * @return an unstarted daemon thread: a virtual one if {@link #virtual()}, else a platform one
     * @throws UnsupportedOperationException if virtual threads are asked for on a JDK before 21
     */
    static Thread newThread(Runnable body, String name) {
        if (!virtual()) {
            Thread t = new Thread(body, name);
            t.setDaemon(true);
            return t;
        }
        if (VIRTUAL == null) {
            throw new UnsupportedOperationException("-D" + PROPERTY + "=virtual needs a JDK 21 or later (this is "
                    + System.getProperty("java.version") + ")");
        }
        try {
            return (Thread) VIRTUAL.invoke(name, body); // virtual threads are always daemons
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.ofVirtual() failed", e);
        }
    }

    /** @return {@code (name, body) -> Thread.ofVirtual().name(name).unstarted(body)}, or null before JDK 21 */
    private static MethodHandle virtualThreadMaker() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle make = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
            MethodHandle name = lookup.findVirtual(ofVirtual, "name", MethodType.methodType(ofVirtual, String.class));
            MethodHandle unstarted = lookup.findVirtual(builder, "unstarted", MethodType.methodType(Thread.class, Runnable.class));
            // (name, body) -> unstarted(name(ofVirtual(), name), body)
            MethodHandle named = MethodHandles.collectArguments(name, 0, make);                     // (String) -> OfVirtual
            MethodHandle unstartedOfVirtual = unstarted.asType(MethodType.methodType(Thread.class, ofVirtual, Runnable.class));
            return MethodHandles.collectArguments(unstartedOfVirtual, 0, named);                   // (String, Runnable) -> Thread
        } catch (ReflectiveOperationException beforeJdk21) {
            return null;
        }
    }
}
