package dev.redisfromscratch.tools.branches;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab branches [--into DIR] [--check]}: makes {@code labN-starter} and
 * {@code labN-solution} for every lab from the workbook clone's committed HEAD, and with
 * {@code --check} proves they build and fail or pass as they should ({@link BranchCheck}).
 *
 * <p>Exit status: 0 on success, 1 if a check fails or the generation is refused (a malformed
 * marker, a checked-out branch, a git error), with one line saying why.
 */
@Command(
        name = "branches",
        mixinStandardHelpOptions = true,
        description = {
            "Generate labN-starter and labN-solution branches for every lab from this clone's HEAD "
                    + "(markers: INSTRUCTORS.md, \"Starter and solution branches\").",
            "labN-starter: labs before N solved, lab N stubbed (TODO(labN)), later labs absent; "
                    + "labN-solution: labs up to N solved. The checked-out branch, index and working tree "
                    + "are never touched."
        })
public final class BranchesCommand implements Callable<Integer> {
    @Option(names = "--into", paramLabel = "DIR",
            description = "write the branches to the repository at DIR (created with git init if missing or "
                    + "empty; then lab1-starter is checked out) instead of this clone")
    Path into;

    @Option(names = "--check", description = "generate (into a temp repository, or DIR), then build every "
            + "branch with mvn -o verify and check its tests; prints a table, exits 1 on any failed check")
    boolean check;

    @Option(names = "--reference-tested", description = "with --check: the newest solution's tests have just run "
            + "in this clone (./lab test, as .ci/run does first), so read their reports here instead of building and "
            + "testing that branch again; refused unless the clone is clean (what was tested is HEAD, the branches' source)")
    boolean referenceTested;

    @Option(names = "--source", paramLabel = "DIR", defaultValue = ".",
            description = "the workbook clone to generate from (default: the current directory)")
    Path source;

    private final PrintStream out;
    private final PrintStream err;

    /** A command printing to standard output and error. */
    public BranchesCommand() {
        this(System.out, System.err);
    }

    BranchesCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        try {
            Path clone = Path.of(new Git(source.toAbsolutePath()).run("rev-parse", "--show-toplevel"));
            if (!check) {
                TargetRepository target = into == null || isClone(into, clone)
                        ? TargetRepository.inPlace(clone) : TargetRepository.into(into);
                BranchGenerator.Generated generated = new BranchGenerator(clone, target, out).generate();
                target.checkOutIfNew(generated.labs().get(0).starterBranch());
                return 0;
            }
            try (ScratchDirectory scratch = new ScratchDirectory("lab-branches-check-")) {
                TargetRepository target = TargetRepository.into(into != null ? into : scratch.path().resolve("repo"));
                BranchGenerator.Generated generated = new BranchGenerator(clone, target, out).generate();
                target.checkOutIfNew(generated.labs().get(0).starterBranch());
                Path logs = clone.resolve("target/branches-check");
                ScratchDirectory.deleteRecursively(logs);
                out.println("checking the branches in " + target.dir() + " (Maven logs: " + logs + ")");
                BranchCheck branchCheck = new BranchCheck(new Git(target.dir()), generated.labs(),
                        scratch.path().resolve("builds"), logs, out);
                if (referenceTested) {
                    branchCheck.referenceTestedIn(new Git(clone));
                }
                boolean ok = branchCheck.run();
                Path marked = scratch.path().resolve("marked-source");
                SourceExport.export(new Git(clone), "HEAD", marked);
                List<String> stageProblems = new StageOrderCheck(marked, new Git(target.dir()), generated.labs(),
                        scratch.path().resolve("stage-builds"), logs, out).run();
                if (stageProblems.isEmpty()) {
                    out.println("stages check: OK (each stage passes with only it and the earlier stages written)");
                } else {
                    out.println("stages check: FAILED");
                    stageProblems.forEach(p -> out.println("  - " + p.replace("\n", "\n    ")));
                }
                return ok && stageProblems.isEmpty() ? 0 : 1;
            }
        } catch (Markers.MarkerException | Git.GitException | IllegalArgumentException e) {
            out.flush();
            err.println("branches: " + e.getMessage());
            return 1;
        }
    }

    /** @return whether {@code dir} is the source clone itself (then branches go there, as without --into) */
    private static boolean isClone(Path dir, Path clone) throws IOException {
        return java.nio.file.Files.exists(dir) && dir.toRealPath().equals(clone.toRealPath());
    }
}
