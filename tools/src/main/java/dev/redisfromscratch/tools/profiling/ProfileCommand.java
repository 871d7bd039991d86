package dev.redisfromscratch.tools.profiling;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder while this subcommand is written in this session; replaced before commit. */
@Command(name = "profile")
public final class ProfileCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("profile: not written yet");
        return 1;
    }
}
