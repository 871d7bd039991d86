package dev.redisfromscratch.grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.testkit.blackbox.BrokenServer;
import dev.redisfromscratch.testkit.blackbox.BrokenServer.Mistake;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grader jar as a course uses it: {@code java -jar grader.jar} in a directory of its own,
 * outside the checkout, against a real {@code redis-server} (every test passes, exit code 0) and
 * against testkit's {@link BrokenServer}s (the failure names the mistake, exit code 1).
 *
 * <p>It runs in Maven's integration-test phase, once the jar is built (the system property
 * {@code grader.jar} names it). Skipped when {@code redis-server} is not installed; failed then
 * under {@code CI=true}.
 */
class GraderJarTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RealRedis redis;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRedis() {
        redis = RealRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    /** One run of the jar: its exit code, what it printed, and the labN.json it wrote (or null). */
    private record Run(int exit, String out, String err, JsonNode json) {}

    private Run grade(String... args) throws Exception {
        Path jar = Path.of(System.getProperty("grader.jar", "target/grader.jar")).toAbsolutePath();
        assertThat(jar).as("the grader jar (mvn package builds it)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the grader did not finish within 3 minutes");
        }
        Path json = null;
        try (var files = Files.list(dir.resolve("grades"))) {
            json = files.filter(f -> f.getFileName().toString().endsWith(".json")).findFirst().orElse(null);
        } catch (IOException noReport) {
            // a usage error writes no report
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("stdout.txt")), Files.readString(dir.resolve("stderr.txt")),
                json == null ? null : JSON.readTree(json.toFile()));
    }

    @Test
    void realRedisPassesEveryLabInEveryRunAndTheExitCodeIsZero() throws Exception {
        // Two runs on one server: the second must not trip over the keys the first left behind.
        int newest = BlackBoxSuites.available().lastKey();
        String server = "127.0.0.1:" + redis.port();
        Run run = grade("--lab", Integer.toString(newest), "--server", server, "--seed", "81273", "--repeat", "2");

        assertThat(run.out()).contains("Black-box grade of " + server + " for lab " + newest)
                .contains("2 runs; seed 81273").doesNotContain("FAILED").doesNotContain("FLAKY");
        assertThat(run.exit()).as("exit code; stderr:\n%s", run.err()).isZero();
        assertThat(run.json().get("allPassed").asBoolean()).isTrue();
        assertThat(run.json().get("labs")).hasSize(newest);
        for (JsonNode lab : run.json().get("labs")) {
            JsonNode score = lab.get("redisBehaviour");
            assertThat(score.get("tests").asInt()).as("lab %s's tests", lab.get("lab")).isPositive();
            assertThat(score.get("passed").asInt()).as("lab %s's tests passed", lab.get("lab")).isEqualTo(score.get("tests").asInt());
            assertThat(run.out()).containsPattern("(?m)^  " + lab.get("lab") + "\\s+" + score.get("tests") + "/" + score.get("tests")
                    + " \\(100\\.0%\\)");
        }
        assertThat(dir.resolve("grades/lab" + newest + ".md")).isRegularFile();
    }

    @Test
    void serverThatForgetsCrlfIsToldSo() throws Exception {
        assertToldSo(Mistake.FORGETS_CRLF, "PingServerTest#pingRepliesPong",
                "received: \"+PONG\"", "Did you forget \"\\r\\n\"");
    }

    @Test
    void serverThatAnswersOnlyTheFirstPipelinedCommandIsToldSo() throws Exception {
        assertToldSo(Mistake.ANSWERS_FIRST_PIPELINED_ONLY, "PingServerTest#threeCommandsInOneWriteGetThreeRepliesInOrder",
                "(reply 2 of 3 pipelined requests)", "only 1 of the 3 pipelined requests were answered");
    }

    @Test
    void serverThatClosesAfterEveryReplyIsToldSo() throws Exception {
        assertToldSo(Mistake.CLOSES_AFTER_EVERY_REPLY, "PingServerTest#manyCommandsOnOneConnection",
                "then the server closed the connection", "the server closed the connection after its previous reply");
    }

    @Test
    void nothingListeningFailsEveryTestWithTheHint() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        Run run = grade("--lab", "1", "--server", "127.0.0.1:" + port, "--reply-timeout-ms", "500");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("could not connect to 127.0.0.1:" + port).contains("SO_REUSEADDR")
                .containsPattern("(?m)^  1\\s+0/\\d+ \\(0\\.0%\\)");
    }

    @Test
    void labWithoutSuiteIsRefusedNamingTheLabsThatHaveOne() throws Exception {
        String labs = String.join(", ", BlackBoxSuites.available().keySet().stream().map(String::valueOf).toList());
        Run run = grade("--lab", "99", "--server", "127.0.0.1:6379");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("lab 99 has no black-box suite in this grader; the labs with one: " + labs)
                .contains("Usage: grader");
        assertThat(run.json()).isNull();
    }

    @Test
    void serverThatIsNotHostAndPortIsRefused() throws Exception {
        Run run = grade("--lab", "1", "--server", "localhost");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--server must be HOST:PORT, e.g. 127.0.0.1:6379; got localhost");
    }

    /**
     * Grades lab 1 on a real Redis behind a proxy that adds the mistake, and checks that the test
     * fails with the hints, in {@code lab1.json} and in the report printed (where failures with the
     * same first line are printed once: the hints are the same).
     */
    private void assertToldSo(Mistake mistake, String test, String... hints) throws Exception {
        try (BrokenServer proxy = BrokenServer.start(redis.port(), mistake)) {
            Run run = grade("--lab", "1", "--server", "127.0.0.1:" + proxy.port(), "--reply-timeout-ms", "500");
            assertThat(run.exit()).as("the exit code for a server that " + mistake).isEqualTo(1);
            String message = null;
            for (JsonNode failed : run.json().get("labs").get(0).get("failed")) {
                if (failed.get("test").asText().endsWith("." + test)) {
                    message = failed.get("message").asText();
                }
            }
            assertThat(message).as("%s's failure, in lab1.json", test).isNotNull().contains(hints);
            assertThat(run.out()).as("the report printed").contains("FAILED  lab 1  ").contains(hints);
        }
    }
}
