package dev.redisfromscratch.testkit.blackbox;

import java.net.BindException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit extension behind {@link BlackBox}: decides which server the tests talk to and gives
 * each test its {@link ServerUnderTest}.
 *
 * <p>Configuration parameters (or system properties, which JUnit falls back to):
 * <ul>
 *   <li>{@code grade.server} = {@code HOST:PORT}: test that server; otherwise start the lab's own.
 *   <li>{@code grade.seed}: the seed for keys and values; otherwise a random one, printed once.
 *   <li>{@code grade.reply-timeout-ms}: how long to wait for each reply (default 3000).
 *   <li>{@code grade.run}: which run of several this is (default 1): later runs get other keys.
 * </ul>
 */
public final class BlackBoxTarget implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(BlackBoxTarget.class);
    private static final long JVM_SEED = ThreadLocalRandom.current().nextLong(1, 1L << 48);
    private static final AtomicBoolean SEED_SHOWN = new AtomicBoolean();

    /** The configuration parameter naming a server to grade, {@code HOST:PORT}. */
    public static final String SERVER = "grade.server";
    /** The configuration parameter giving the seed. */
    public static final String SEED = "grade.seed";
    /** The configuration parameter giving the reply timeout in ms. */
    public static final String REPLY_TIMEOUT = "grade.reply-timeout-ms";
    /**
     * The configuration parameter giving the run's number when the suite runs several times against
     * one server ({@code --repeat K}): each run after the first gets keys of its own, since the
     * server still holds the keys of the runs before.
     */
    public static final String RUN = "grade.run";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        long seed = seed(context);
        if (SEED_SHOWN.compareAndSet(false, true)) {
            System.out.println("black-box seed: " + seed + " (to reproduce: --seed " + seed + ", with ./lab grade or the grader jar)");
        }
        if (remoteAddress(context).isPresent()) {
            return;
        }
        Class<?> testClass = context.getRequiredTestClass();
        BlackBox box = AnnotationSupport.findAnnotation(testClass, BlackBox.class)
                .orElseThrow(() -> new IllegalStateException(testClass + " is not annotated @BlackBox"));
        var constructor = box.local().getDeclaredConstructor();
        constructor.setAccessible(true); // the lab's factory may be package-private
        LocalServer server = constructor.newInstance();
        int port;
        try {
            port = server.start();
        } catch (BindException e) {
            throw new AssertionError("the lab's server could not bind: " + e.getMessage()
                    + "\n  hint: " + Diagnosis.CONNECT_REFUSED, e);
        }
        ExtensionContext.Store store = context.getStore(NS);
        store.put("port", port);
        store.put("server", (ExtensionContext.Store.CloseableResource) server::close);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ServerUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Duration timeout = Duration.ofMillis(context.getConfigurationParameter(REPLY_TIMEOUT).map(Long::parseLong).orElse(3000L));
        long seed = seed(context) * 31 + context.getUniqueId().hashCode();
        int run = context.getConfigurationParameter(RUN).filter(s -> !s.isBlank()).map(Integer::parseInt).orElse(1);
        if (run > 1) {
            seed = seed * 1_000_003 + run; // run 1 keeps the keys a seed has always given
        }
        Optional<String> remote = remoteAddress(context);
        if (remote.isPresent()) {
            String address = remote.get();
            int colon = address.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(SERVER + " must be HOST:PORT, got " + address);
            }
            return new ServerUnderTest(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)), true, timeout, seed);
        }
        Integer port = context.getStore(NS).get("port", Integer.class);
        return new ServerUnderTest("127.0.0.1", port, false, timeout, seed);
    }

    private static Optional<String> remoteAddress(ExtensionContext context) {
        return context.getConfigurationParameter(SERVER).filter(s -> !s.isBlank());
    }

    private static long seed(ExtensionContext context) {
        return context.getConfigurationParameter(SEED).filter(s -> !s.isBlank()).map(Long::parseLong).orElse(JVM_SEED);
    }
}
