package dev.redisfromscratch.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Names the real cause when a test fails because a server thread died.
 *
 * <p>A lab's server runs on its own thread. When that thread dies (a {@code TODO(labN)} stub in a
 * starter branch, or a bug), the test's client only sees the connection drop, and its failure says
 * "connection reset" or "expected +PONG but the server closed". This extension records every
 * exception that kills a thread (through the JVM's default uncaught-exception handler) and, when a
 * test then fails, throws instead an {@link AssertionError} whose message starts with the dying
 * thread's exception:
 *
 * <pre>
 *   the server thread died: java.lang.UnsupportedOperationException: TODO(lab1): write the accept loop
 *     (thread "lab1-test"; the test then failed with: java.net.SocketException: Connection reset)
 * </pre>
 *
 * The dying thread's exception is the cause (so its stack trace points at the line to write), and
 * the test's own failure is attached as a suppressed exception. A death during the current test
 * is reported first; failing that, one during an earlier test of the same class, for fixtures that
 * share one server. Tests that pass are left alone, and so are threads that end normally.
 *
 * <p>The report can only precede the client's failure if the dying thread is reported before its
 * sockets close: {@code BlockingServer.start} closes them in its thread's
 * uncaught-exception handler, after the default handler (this one) has recorded the death.
 *
 * <p>Registered for every lab through {@code META-INF/services/org.junit.jupiter.api.extension.Extension}
 * (the root pom's surefire configuration turns JUnit's extension autodetection on). The handler it
 * installs passes every death on to the handler that was there before, or prints the stack trace
 * as the JVM would.
 */
public final class ServerThreadFailures implements BeforeAllCallback, BeforeEachCallback,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    /** One thread's death: which thread, of what, and when in the order of deaths. */
    private record Death(String threadName, Throwable cause, long sequence) {
    }

    private static final List<Death> DEATHS = new ArrayList<>();
    private static long recorded;
    private static boolean installed;

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ServerThreadFailures.class);

    /** Installs the recording handler (once per JVM) and marks where the class's deaths start. */
    @Override
    public void beforeAll(ExtensionContext context) {
        install();
        putMark(context);
    }

    /** Marks where this test's deaths start. */
    @Override
    public void beforeEach(ExtensionContext context) {
        install();
        putMark(context);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw explain(context, failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw explain(context, failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw explain(context, failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw explain(context, failure);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw explain(context, failure);
    }

    /**
     * @return {@code failure} itself if no thread died since the class started, else an
     *     {@link AssertionError} that names the first death and carries {@code failure}
     */
    static Throwable explain(ExtensionContext context, Throwable failure) {
        if (failure instanceof ServerThreadDied) {
            return failure; // already explained, by this extension on an inner context
        }
        long testMark = mark(context);
        long classMark = classMark(context);
        List<Death> sinceClass = deathsSince(classMark);
        if (sinceClass.isEmpty()) {
            return failure;
        }
        Death first = sinceClass.get(0);
        boolean earlier = first.sequence() < testMark;
        for (Death d : sinceClass) {
            if (d.sequence() >= testMark) {
                first = d;
                earlier = false;
                break;
            }
        }
        StringBuilder message = new StringBuilder("the server thread died: ").append(first.cause())
                .append("\n  (thread \"").append(first.threadName()).append('"');
        if (earlier) {
            message.append(", during an earlier test of this class");
        }
        if (sinceClass.size() > 1) {
            message.append("; ").append(sinceClass.size() - 1).append(" more thread(s) died");
        }
        message.append("; the test then failed with: ").append(failure).append(')');
        ServerThreadDied explained = new ServerThreadDied(message.toString(), first.cause());
        explained.addSuppressed(failure);
        return explained;
    }

    /** The error a failing test gets instead of its own when a thread died before it failed. */
    static final class ServerThreadDied extends AssertionError {
        private static final long serialVersionUID = 1L;

        ServerThreadDied(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ------------------------------------------------------------------ recording

    private static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            record(thread, e);
            if (previous != null) {
                previous.uncaughtException(thread, e);
            } else {
                // What ThreadGroup.uncaughtException prints when no handler is set.
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                e.printStackTrace(System.err);
            }
        });
    }

    private static synchronized void record(Thread thread, Throwable e) {
        DEATHS.add(new Death(thread.getName(), e, recorded++));
        if (DEATHS.size() > 100) {
            DEATHS.remove(0); // a runaway test must not hold every exception for ever
        }
    }

    private static synchronized long recordedSoFar() {
        return recorded;
    }

    private static synchronized List<Death> deathsSince(long mark) {
        List<Death> since = new ArrayList<>();
        for (Death d : DEATHS) {
            if (d.sequence() >= mark) {
                since.add(d);
            }
        }
        return since;
    }

    private static void putMark(ExtensionContext context) {
        context.getStore(NAMESPACE).put(context.getUniqueId(), recordedSoFar());
    }

    /** @return the context's own mark, or {@code null} if it has none */
    private static Long ownMark(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(context.getUniqueId(), Long.class);
    }

    /** @return the mark of the innermost context that has one (the test's, else its class's), or 0 */
    private static long mark(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Long own = ownMark(c.get());
            if (own != null) {
                return own;
            }
        }
        return 0;
    }

    /** @return the mark of the outermost context that has one (the top-level class), or 0 */
    private static long classMark(ExtensionContext context) {
        long mark = 0;
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Long own = ownMark(c.get());
            if (own != null) {
                mark = own;
            }
        }
        return mark;
    }
}
