package dev.redisfromscratch.tools.branches;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.tools.branches.SurefireReports.Outcome;
import dev.redisfromscratch.tools.branches.SurefireReports.TestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurefireReportsTest {
    @TempDir
    Path module;

    @Test
    void eachTestcaseGivesItsOutcomeMessageAndTime() throws IOException {
        Path reports = Files.createDirectories(module.resolve("target/surefire-reports"));
        Files.writeString(reports.resolve("TEST-dev.x.PingTest.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="dev.x.PingTest" tests="4" failures="1" errors="1" skipped="1">
                  <testcase name="pongs" classname="dev.x.PingTest" time="0.012"/>
                  <testcase name="echoes" classname="dev.x.PingTest" time="1,250.5">
                    <failure message="the server thread died: java.lang.UnsupportedOperationException: TODO(lab1): x"
                             type="java.lang.AssertionError">java.lang.AssertionError: the server thread died
                    </failure>
                  </testcase>
                  <testcase name="splits" classname="dev.x.PingTest" time="0.001">
                    <error type="java.lang.UnsupportedOperationException">java.lang.UnsupportedOperationException: TODO(lab1): split
                    at dev.x.Tokenizer.split(Tokenizer.java:3)</error>
                  </testcase>
                  <testcase name="needsRedis" classname="dev.x.PingTest" time="0"><skipped message="no redis-server"/></testcase>
                </testsuite>
                """);
        Files.writeString(reports.resolve("dev.x.PingTest.txt"), "not a report");

        List<TestCase> tests = SurefireReports.read(module);

        assertThat(tests).extracting(TestCase::outcome)
                .containsExactly(Outcome.PASSED, Outcome.FAILED, Outcome.ERROR, Outcome.SKIPPED);
        assertThat(tests).filteredOn(TestCase::broke).extracting(TestCase::id)
                .containsExactly("PingTest.echoes", "PingTest.splits");
        assertThat(tests).filteredOn(TestCase::broke).allMatch(t -> t.mentions("TODO(lab1)"));
        assertThat(tests.get(1).seconds()).isEqualTo(1250.5);
        assertThat(tests.get(2).message()).isEmpty();
    }

    @Test
    void everyExecutionsReportsCountWhenAskedFor() throws IOException {
        Path main = Files.createDirectories(module.resolve("target/surefire-reports"));
        Path parity = Files.createDirectories(module.resolve("target/surefire-reports-earlier-parity"));
        Files.writeString(main.resolve("TEST-dev.x.LoopTest.xml"), """
                <testsuite name="dev.x.LoopTest"><testcase name="accepts" classname="dev.x.LoopTest" time="0.1"/></testsuite>
                """);
        Files.writeString(parity.resolve("TEST-dev.x.ParityTest.xml"), """
                <testsuite name="dev.x.ParityTest"><testcase name="same" classname="dev.x.ParityTest" time="0.2">
                <failure message="differs">differs</failure></testcase></testsuite>
                """);

        assertThat(SurefireReports.read(module)).extracting(TestCase::id).containsExactly("LoopTest.accepts");
        assertThat(SurefireReports.readEveryExecution(module)).extracting(TestCase::id)
                .containsExactly("LoopTest.accepts", "ParityTest.same");
    }

    @Test
    void aModuleThatRanNoTestsHasNoResults() throws IOException {
        assertThat(SurefireReports.read(module)).isEmpty();
        assertThat(SurefireReports.readEveryExecution(module)).isEmpty();
    }
}
