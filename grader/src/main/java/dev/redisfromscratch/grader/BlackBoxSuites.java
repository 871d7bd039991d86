package dev.redisfromscratch.grader;

import dev.redisfromscratch.testkit.blackbox.BlackBox;
import dev.redisfromscratch.testkit.blackbox.BlackBoxTarget;
import dev.redisfromscratch.testkit.grading.PointsListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Each lab's black-box suite, and how the grader runs one: the lab's {@link BlackBox} classes,
 * taken from its test jar, through the JUnit Platform launcher, as {@code ./lab grade N --server}
 * runs them through Maven's Surefire.
 */
final class BlackBoxSuites {
    /**
     * The black-box classes of each lab, by name. A lab that adds a suite adds it here and its
     * test jar to the grader's pom; {@code BlackBoxSuitesTest} fails until both are done.
     */
    static final Map<Integer, List<String>> BY_LAB = Map.of(
            1, List.of("dev.redisfromscratch.tcp.PingServerTest"),
            2, List.of("dev.redisfromscratch.store.DataStoreBlackBoxTest"),
            3, List.of("dev.redisfromscratch.server.RespServerTest"),
            4, List.of("dev.redisfromscratch.server.PersistenceBlackBoxTest"),
            5, List.of("dev.redisfromscratch.server.IntegrationBlackBoxTest"),
            6, List.of("dev.redisfromscratch.server.ListsSetsBlackBoxTest"),
            7, List.of("dev.redisfromscratch.server.EventLoopBlackBoxTest"),
            8, List.of("dev.redisfromscratch.server.ReplicationBlackBoxTest"));

    private BlackBoxSuites() {
    }

    /**
     * @return the suites in this jar, by lab number, in order: a grader built on a branch without
     *     some lab (a starter) has none for it
     */
    static SortedMap<Integer, List<Class<?>>> available() {
        SortedMap<Integer, List<Class<?>>> available = new TreeMap<>();
        for (Map.Entry<Integer, List<String>> lab : BY_LAB.entrySet()) {
            List<Class<?>> classes = new ArrayList<>();
            for (String name : lab.getValue()) {
                try {
                    classes.add(Class.forName(name, false, BlackBoxSuites.class.getClassLoader()));
                } catch (ClassNotFoundException absent) {
                    // the lab is not in this build
                }
            }
            if (!classes.isEmpty()) {
                available.put(lab.getKey(), Collections.unmodifiableList(classes));
            }
        }
        return available;
    }

    /**
     * Runs the black-box tests of {@code suites} once against {@code server}, recording each test's
     * outcome and points as testkit's {@link PointsListener} does for Surefire.
     *
     * @param suites the classes to run; only their tests tagged {@value BlackBox#TAG} run
     * @param server the server to grade, {@code HOST:PORT}
     * @param seed the seed of the tests' keys and values
     * @param run which run this is, from 1: each run gets keys of its own, since the server keeps
     *     the keys of the runs before
     * @param replyTimeout how long each reply is awaited
     * @param results the file the records are appended to (one JSON object per test and line)
     */
    static void run(List<Class<?>> suites, String server, long seed, int run, Duration replyTimeout, Path results) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(suites.stream().map(DiscoverySelectors::selectClass).toList())
                .filters(TagFilter.includeTags(BlackBox.TAG))
                .configurationParameter(BlackBoxTarget.SERVER, server)
                .configurationParameter(BlackBoxTarget.SEED, Long.toString(seed))
                .configurationParameter(BlackBoxTarget.RUN, Integer.toString(run))
                .configurationParameter(BlackBoxTarget.REPLY_TIMEOUT, Long.toString(replyTimeout.toMillis()))
                .build();
        // Only this run's listener: the one META-INF/services registers would follow the
        // grade.results system property instead.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .build());
        launcher.execute(request, new PointsListener(results));
    }
}
