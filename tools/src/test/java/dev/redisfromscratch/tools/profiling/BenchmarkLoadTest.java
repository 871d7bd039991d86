package dev.redisfromscratch.tools.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.testkit.ExternalTool;
import dev.redisfromscratch.testkit.RealRedis;
import dev.redisfromscratch.tools.load.LoadGenerator.LoadResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code profile --load redis-benchmark}: reading its output, and a short run against a real {@code redis-server}. */
class BenchmarkLoadTest {
    @TempDir
    Path dir;

    @Test
    void theCommandLoopsOverSetGetAndPingQuietly() {
        assertThat(BenchmarkLoad.command(6379, 50, 1, 5000)).containsExactly("redis-benchmark", "-h", "127.0.0.1",
                "-p", "6379", "-c", "50", "-P", "1", "-t", "set,get,ping_mbulk", "-n", "5000", "-l", "-q");
        assertThat(BenchmarkLoad.requestsPerTest(50, 1)).isEqualTo(5000);
        assertThat(BenchmarkLoad.requestsPerTest(50, 16)).isEqualTo(80_000);
    }

    @Test
    void completedTestsCountTheirRequestsAndProgressLinesDoNot() {
        String output = "SET: rps=988.0 (overall: 980.2) avg_msec=9.391 (overall: 9.391)\r"
                + "SET: 6698.82 requests per second, p50=2.151 msec                    \n"
                + "GET: rps=3390.4 (overall: 4212.9) avg_msec=5.771 (overall: 5.771)\r"
                + "GET: 7722.01 requests per second, p50=1.807 msec\n"
                + "PING_MBULK: rps=100.0 (overall: 100.0) avg_msec=1.0 (overall: 1.0)\r";
        LoadResult r = BenchmarkLoad.parse(output, 5000);
        assertThat(r.sessions()).isEqualTo(2);
        assertThat(r.replies()).isEqualTo(10_000);
        assertThat(r.errors()).isZero();
        assertThat(r.failures()).isEmpty();
    }

    @Test
    void anErrorReplyIsAFailure() {
        LoadResult r = BenchmarkLoad.parse("SET: 100.00 requests per second, p50=1 msec\n"
                + "Error from server: ERR unknown command 'GET', with args beginning with: 'key:__rand_int__' \n", 5000);
        assertThat(r.errors()).isEqualTo(1);
        assertThat(r.failures()).singleElement().asString().startsWith("Error from server: ERR unknown command 'GET'");
    }

    @Test
    void aShortRunAgainstRealRedisCompletesTestsWithoutFailures() throws Exception {
        ExternalTool.require("redis-benchmark");
        try (RealRedis redis = RealRedis.start()) {
            LoadResult r = BenchmarkLoad.run(redis.port(), 10, 1, 2, dir);
            assertThat(r.failures()).isEmpty();
            assertThat(r.errors()).isZero();
            assertThat(r.sessions()).isPositive();
            assertThat(r.replies()).isEqualTo(r.sessions() * BenchmarkLoad.requestsPerTest(10, 1));
        }
    }
}
