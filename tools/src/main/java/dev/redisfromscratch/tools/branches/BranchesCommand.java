package dev.redisfromscratch.tools.branches;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder while this subcommand is written in this session; replaced before commit. */
@Command(name = "branches")
public final class BranchesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("branches: not written yet");
        return 1;
    }
}
