package dev.redisfromscratch.testkit.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects each test's outcome and {@link Points} for {@code ./lab grade}. It is a JUnit Platform
 * listener, registered through {@code META-INF/services}, so it sees every engine's tests
 * (Jupiter and jqwik alike), however Maven's Surefire or another launcher runs them.
 *
 * <p>It writes only when the system property {@code grade.results} names a file (or a file is
 * given to its constructor): one JSON object per test and line, appended:
 *
 * <pre>{"test":"Class#method","name":"display name","points":2,"status":"passed|failed|aborted|skipped",
 *  "message":"...","tags":["blackbox"],"workbookSpecific":"reason or null","stage":2,"stageName":"dispatch"}</pre>
 * ({@code stage} and {@code stageName} only for a test with a {@link Stage}).
 *
 * <p>A test that never ran because its class could not start (a failing {@code @BeforeAll}, a
 * server that would not bind) is recorded as failed with that failure, so its points still count
 * as possible.
 */
public final class PointsListener implements TestExecutionListener {
    /** The system property naming the results file. */
    public static final String RESULTS = "grade.results";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, TestIdentifier> unfinished = new LinkedHashMap<>();
    /** Failures of classes and of generated cases, by unique id, until their graded unit is recorded. */
    private final Map<String, String> failures = new LinkedHashMap<>();
    /** The results file given to the constructor, or null to read {@value #RESULTS}. */
    private final Path results;
    private TestPlan plan;
    private Path file;

    /**
     * The listener as {@code META-INF/services} registers it: it writes where the system property
     * {@value #RESULTS} says, and nothing when that is not set.
     */
    public PointsListener() {
        this(null);
    }

    /**
     * A listener for a launcher run in-process, such as the standalone grader's: it writes to
     * {@code results}, whatever the system property says.
     *
     * @param results the file to append one JSON line per test to (its directory is created)
     */
    public PointsListener(Path results) {
        this.results = results;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        String target = System.getProperty(RESULTS);
        if (results != null) {
            file = results;
        } else if (target == null || target.isBlank()) {
            return;
        } else {
            file = Path.of(target);
        }
        plan = testPlan;
        for (TestIdentifier root : testPlan.getRoots()) {
            for (TestIdentifier id : testPlan.getDescendants(root)) {
                if (graded(id)) {
                    unfinished.put(id.getUniqueId(), id);
                }
            }
        }
    }

    /**
     * A graded unit is a test, or a test method whose cases are generated while it runs (a
     * parameterized test, a property): that counts as one test, failed if any case fails.
     */
    private static boolean graded(TestIdentifier id) {
        return id.isTest() || id.isContainer() && id.getSource().filter(MethodSource.class::isInstance).isPresent();
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (file == null) {
            return;
        }
        if (unfinished.containsKey(id.getUniqueId())) {
            record(id, "skipped", reason);
        } else {
            for (TestIdentifier child : plan.getDescendants(id)) {
                if (unfinished.containsKey(child.getUniqueId())) {
                    record(child, "skipped", reason);
                }
            }
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (file == null) {
            return;
        }
        String message = result.getThrowable().map(PointsListener::describe).orElse(null);
        if (!unfinished.containsKey(id.getUniqueId())) {
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                // a generated case, or a class: its failure belongs to the graded unit above it
                String failure = message;
                failures.putIfAbsent(id.getUniqueId(), failure);
                gradedAncestor(id).ifPresent(unit -> failures.putIfAbsent(unit.getUniqueId(), failure));
            }
            return;
        }
        String status;
        switch (result.getStatus()) {
            case SUCCESSFUL: status = "passed"; break;
            case ABORTED: status = "aborted"; break;
            default: status = "failed"; break;
        }
        String caseFailure = failures.get(id.getUniqueId());
        if (caseFailure != null && status.equals("passed")) {
            status = "failed";
            message = caseFailure;
        }
        record(id, status, message);
    }

    private Optional<TestIdentifier> gradedAncestor(TestIdentifier id) {
        Optional<TestIdentifier> parent = plan.getParent(id);
        while (parent.isPresent() && !unfinished.containsKey(parent.get().getUniqueId())) {
            parent = plan.getParent(parent.get());
        }
        return parent;
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (file == null) {
            return;
        }
        for (TestIdentifier id : Set.copyOf(unfinished.values())) {
            String cause = "did not run: " + containerFailure(id).orElse("its test class failed to start");
            record(id, "failed", cause);
        }
    }

    private Optional<String> containerFailure(TestIdentifier id) {
        Optional<TestIdentifier> parent = plan.getParent(id);
        while (parent.isPresent()) {
            String failure = failures.get(parent.get().getUniqueId());
            if (failure != null) {
                return Optional.of(failure);
            }
            parent = plan.getParent(parent.get());
        }
        return Optional.empty();
    }

    private synchronized void record(TestIdentifier id, String status, String message) {
        if (unfinished.remove(id.getUniqueId()) == null) {
            return; // recorded already
        }
        ObjectNode line = JSON.createObjectNode();
        Optional<Method> method = method(id);
        line.put("test", method.map(m -> m.getDeclaringClass().getName() + "#" + m.getName()).orElse(id.getLegacyReportingName()));
        line.put("name", id.getDisplayName());
        line.put("points", points(method));
        line.put("status", status);
        line.put("message", message);
        id.getTags().stream().map(TestTag::getName).sorted().forEach(line.putArray("tags")::add);
        if (!line.has("tags")) {
            line.putArray("tags");
        }
        line.put("workbookSpecific", method.map(PointsListener::workbookSpecific).orElse(null));
        Optional<Stage> stage = method.flatMap(m -> Stages.of(Optional.of(m), m.getDeclaringClass()));
        if (stage.isPresent()) {
            Stages.Info info = Stages.describe(stage.get(), method.get().getDeclaringClass().getClassLoader());
            line.put("stage", info.number()).put("stageName", info.name());
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Method> method(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        if (source.isEmpty() || !(source.get() instanceof MethodSource)) {
            return Optional.empty();
        }
        MethodSource ms = (MethodSource) source.get();
        try {
            return Optional.of(ms.getJavaMethod());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @return the method's {@link Points}, else its class's (or an enclosing class's), else 1 for a
     *     test of a stage ({@link Stage}) and 0 for a test of the code a lab gives, which passes in
     *     a starter before the student has written anything
     */
    static int points(Optional<Method> method) {
        if (method.isEmpty()) {
            return 1;
        }
        Points own = method.get().getAnnotation(Points.class);
        if (own != null) {
            return own.value();
        }
        for (Class<?> c = method.get().getDeclaringClass(); c != null; c = c.getEnclosingClass()) {
            Points onClass = c.getAnnotation(Points.class);
            if (onClass != null) {
                return onClass.value();
            }
        }
        return Stages.of(method, method.get().getDeclaringClass()).isPresent() ? 1 : 0;
    }

    private static String workbookSpecific(Method method) {
        WorkbookSpecific own = method.getAnnotation(WorkbookSpecific.class);
        if (own == null) {
            own = method.getDeclaringClass().getAnnotation(WorkbookSpecific.class);
        }
        return own == null ? null : own.value();
    }

    private static String describe(Throwable t) {
        String text = t.getMessage() == null ? t.getClass().getName() : (t instanceof AssertionError ? "" : t.getClass().getName() + ": ") + t.getMessage();
        return text.length() > 4000 ? text.substring(0, 4000) + "..." : text;
    }
}
