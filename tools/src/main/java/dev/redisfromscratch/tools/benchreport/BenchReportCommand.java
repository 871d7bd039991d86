package dev.redisfromscratch.tools.benchreport;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder while this subcommand is written in this session; replaced before commit. */
@Command(name = "bench-report")
public final class BenchReportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("bench-report: not written yet");
        return 1;
    }
}
