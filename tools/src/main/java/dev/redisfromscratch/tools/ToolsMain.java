package dev.redisfromscratch.tools;

import dev.redisfromscratch.tools.benchreport.BenchReportCommand;
import dev.redisfromscratch.tools.branches.BranchesCommand;
import dev.redisfromscratch.tools.grading.GradeReportCommand;
import dev.redisfromscratch.tools.load.LoadCommand;
import dev.redisfromscratch.tools.load.LoadSweepCommand;
import dev.redisfromscratch.tools.profiling.ProfileCommand;
import dev.redisfromscratch.tools.replication.LagCommand;
import dev.redisfromscratch.tools.replication.SyncTimeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The workbook's machinery, behind {@code ./lab}: {@code java -jar tools/target/tools.jar <command>}.
 * Each subcommand is one class in its own package; {@code ./lab} prints the exact java command it
 * runs.
 */
@Command(
        name = "tools",
        mixinStandardHelpOptions = true,
        description = "Workbook machinery: starter branches, grade reports, benchmark report, profiling, load, replication lag and full-sync time.",
        subcommands = {
            BranchesCommand.class,
            GradeReportCommand.class,
            BenchReportCommand.class,
            ProfileCommand.class,
            LoadCommand.class,
            LoadSweepCommand.class,
            LagCommand.class,
            SyncTimeCommand.class
        })
public final class ToolsMain implements Runnable {
    /** Runs one subcommand and exits with its exit code (2 for usage errors). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ToolsMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
