package dev.redisfromscratch.testkit.grading;

import java.util.Optional;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Runs only one stage's tests when the system property {@code grade.stage} is set:
 * {@code ./lab test N --stage K} passes {@code -Dgrade.stage=K}, and tests without a {@link Stage}
 * (tests of the code a lab gives) are left out. {@code -Dgrade.stage=..K} runs stages 1 to K and
 * the given code's tests: what must pass once those stages are written ({@code ./lab branches
 * --check} uses it). Without the property every test runs.
 *
 * <p>Registered through {@code META-INF/services/org.junit.platform.launcher.PostDiscoveryFilter},
 * which the JUnit Platform loads on its own; containers left without tests are then pruned, so
 * their fixtures do not start.
 */
public final class StageFilter implements PostDiscoveryFilter {
    /** The system property that selects a stage. */
    public static final String PROPERTY = "grade.stage";

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        String wanted = System.getProperty(PROPERTY);
        if (wanted == null || wanted.isBlank() || !(descriptor.getSource().orElse(null) instanceof MethodSource source)) {
            return FilterResult.included("no stage selected, or not a test method");
        }
        Class<?> testClass = source.getJavaClass();
        Optional<java.lang.reflect.Method> method = Optional.ofNullable(source.getJavaMethod());
        int stage = Stages.of(method, testClass).map(Stage::value).orElse(0);
        String w = wanted.strip();
        boolean in = w.startsWith("..") ? stage <= Integer.parseInt(w.substring(2)) : stage == Integer.parseInt(w);
        return in ? FilterResult.included("stage " + stage) : FilterResult.excluded("stage " + stage + ", not " + w);
    }
}
