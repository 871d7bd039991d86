package dev.redisfromscratch.testkit.grading;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stages of a lab, as the lab describes them in its test resources,
 * {@code stages/lab<N>.properties}:
 *
 * <pre>
 *   count=3
 *   1.name=the accept loop
 *   1.next=write BlockingServer.serve: accept a client, serve it, accept the next
 * </pre>
 *
 * and the stage of a test, from its {@link Stage} annotation.
 */
public final class Stages {
    /** One stage: its lab, number, name and the next thing to write for it. */
    public record Info(int lab, int number, int count, String name, String next) {
        /** @return e.g. {@code "lab 1, stage 2 of 3 (dispatch)"} */
        public String label() {
            return "lab " + lab + ", stage " + number + " of " + count + " (" + name + ")";
        }
    }

    private static final ConcurrentHashMap<Integer, Properties> BY_LAB = new ConcurrentHashMap<>();

    private Stages() {
    }

    /**
     * @param method the test method, if the test is a method
     * @param testClass the test's class
     * @return the {@link Stage} on the method, else on the class or an enclosing class
     */
    public static Optional<Stage> of(Optional<Method> method, Class<?> testClass) {
        if (method.isPresent() && method.get().isAnnotationPresent(Stage.class)) {
            return Optional.of(method.get().getAnnotation(Stage.class));
        }
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Stage s = c.getAnnotation(Stage.class);
            if (s != null) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * @return what the lab's {@code stages/lab<N>.properties} says about the stage
     * @throws IllegalStateException if the lab has no such file or the stage is not in it
     */
    public static Info describe(Stage stage, ClassLoader loader) {
        Properties p = BY_LAB.computeIfAbsent(stage.lab(), lab -> load(lab, loader));
        String name = p.getProperty(stage.value() + ".name");
        if (name == null) {
            throw new IllegalStateException("stages/lab" + stage.lab() + ".properties has no stage " + stage.value());
        }
        return new Info(stage.lab(), stage.value(), Integer.parseInt(p.getProperty("count")), name,
                p.getProperty(stage.value() + ".next", ""));
    }

    private static Properties load(int lab, ClassLoader loader) {
        String resource = "stages/lab" + lab + ".properties";
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the test classpath");
            }
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
