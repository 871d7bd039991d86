package dev.redisfromscratch.tools.branches;

import dev.redisfromscratch.tools.branches.Markers.Side;
import dev.redisfromscratch.tools.branches.SurefireReports.TestCase;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Checks that a lab's stages pass in order: with stages 1..K written and the later stages still
 * stubs, every test of stages 1..K (and every test of the given code) passes. So a stub of a later
 * stage never fails an earlier stage's test, and a student can finish the lab one stage at a time.
 *
 * <p>For each lab with more than one stage and each K below the last, it writes the lab's starter
 * with the solution of stages 1..K kept ({@link BranchTree#write} with a stage filter), builds it
 * and runs the lab's tests selected by {@code -Dgrade.stage=..K} (testkit's {@code StageFilter}).
 * Only the lab's own tests run ({@link MavenBuild#testsOnly}): the variant's root pom, testkit and
 * earlier labs must be the same git trees as the lab's starter's (checked here), which
 * {@link BranchCheck} proves to be the newest solution's, tested there.
 *
 * <p>A lab's variants are built one after another in one directory: stages 1..1 are written and
 * built in full; for each later K only the lab's module is replaced (its {@code src}, with its old
 * test reports removed) and built again, so Maven finds testkit and the earlier labs up to date
 * instead of compiling them once per variant.
 */
final class StageOrderCheck {
    private final Path source;
    private final Git branches;
    private final List<Lab> labs;
    private final Path work;
    private final Path logs;
    private final PrintStream out;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param source an export of the marked sources (the workbook's HEAD)
     * @param branches the repository holding the generated branches ({@code labN-starter})
     * @param labs the labs, in order
     * @param work a scratch directory for the variants
     * @param logs where each Maven log goes
     * @param out where progress and the summary go
     */
    StageOrderCheck(Path source, Git branches, List<Lab> labs, Path work, Path logs, PrintStream out) {
        this.source = source;
        this.branches = branches;
        this.labs = labs;
        this.work = work;
        this.logs = logs;
        this.out = out;
    }

    /** @return the problems found (empty when every stage passes with only its own and earlier stages written) */
    List<String> run() throws IOException {
        for (Lab lab : labs) {
            int count = stageCount(lab);
            for (int k = 1; k < count; k++) {
                check(lab, k, count);
            }
        }
        return problems;
    }

    private void check(Lab lab, int k, int count) throws IOException {
        String name = "lab" + lab.number() + "-stages-1-" + k;
        Path written = work.resolve(name);
        int upTo = k;
        BranchTree.write(source, written, labs, lab, Side.STARTER, stage -> stage >= 1 && stage <= upTo);
        List<String> differ = differFromStarter(lab, written);
        if (!differ.isEmpty()) {
            problems.add(name + ": " + differ + " differ from " + lab.starterBranch() + "'s, so their tests would have"
                    + " to run here too");
        }
        // one build directory per lab: the first variant whole, later ones only the lab's module
        Path dir = work.resolve("lab" + lab.number() + "-stages");
        if (k == 1) {
            ScratchDirectory.deleteRecursively(dir);
            Files.move(written, dir);
        } else {
            Path module = dir.resolve(lab.module());
            ScratchDirectory.deleteRecursively(module.resolve("src"));
            Files.move(written.resolve(lab.module()).resolve("src"), module.resolve("src"));
            try (var target = Files.list(Files.createDirectories(module.resolve("target")))) {
                for (Path p : target.filter(p -> p.getFileName().toString().startsWith("surefire-reports")).toList()) {
                    ScratchDirectory.deleteRecursively(p);
                }
            }
            ScratchDirectory.deleteRecursively(written);
        }
        MavenBuild build = MavenBuild.verify(dir, logs.resolve(name + ".log"),
                List.of("-pl", lab.module(), "-am", MavenBuild.testsOnly(lab.module()), "-Dgrade.stage=.." + k), out);
        if (!build.built()) {
            problems.add(name + " does not build (log: " + build.log() + "):\n" + build.firstErrors());
            return;
        }
        List<TestCase> tests = SurefireReports.read(dir.resolve(lab.module()));
        List<TestCase> broken = tests.stream().filter(TestCase::broke).toList();
        String line = "lab " + lab.number() + ", stages 1.." + k + " of " + count + " written: " + tests.size()
                + " tests of those stages";
        if (tests.isEmpty()) {
            problems.add(name + ": no test ran (is -Dgrade.stage=.." + k + " understood?)");
        } else if (!broken.isEmpty()) {
            problems.add(name + ": " + broken.size() + " test(s) of stages 1.." + k + " fail while only later stages are"
                    + " stubs (a later stage's stub reached, or a test in the wrong stage):\n"
                    + broken.stream().limit(5).map(t -> t.className() + "#" + t.name() + ": " + t.message())
                            .collect(Collectors.joining("\n")));
        }
        out.println("stages: " + line + (broken.isEmpty() ? ", all pass" : ", " + broken.size() + " FAIL")
                + " (" + build.seconds() + " s)");
    }

    /**
     * Writes {@code dir}'s files into a temporary index of the generated repository (as
     * {@link BranchWriter} does) and compares the root pom, testkit and the earlier labs with the
     * lab's starter, by git object id.
     *
     * @return the paths that differ (empty when the variant differs from the starter in the lab only)
     */
    List<String> differFromStarter(Lab lab, Path dir) throws IOException {
        List<String> paths = new ArrayList<>(List.of("pom.xml", "testkit"));
        labs.subList(0, labs.indexOf(lab)).forEach(l -> paths.add(l.module()));
        Path index = work.resolve("index-" + dir.getFileName());
        Files.deleteIfExists(index);
        Map<String, String> env = Map.of("GIT_INDEX_FILE", index.toAbsolutePath().toString());
        String gitDir = "--git-dir=" + branches.run("rev-parse", "--absolute-git-dir");
        Git files = new Git(dir);
        List<String> add = new ArrayList<>(List.of(gitDir, "--work-tree=" + dir.toAbsolutePath(), "add", "-A", "-f", "--"));
        add.addAll(paths);
        files.run(env, add.toArray(String[]::new));
        String tree = files.run(env, gitDir, "write-tree");
        Files.deleteIfExists(index);
        return paths.stream()
                .filter(p -> !branches.resolve(tree + ":" + p).equals(branches.resolve(lab.starterBranch() + ":" + p)))
                .toList();
    }

    /** @return the lab's stage count from its {@code stages/labN.properties}, or 1 if it has none */
    private int stageCount(Lab lab) throws IOException {
        Path props = source.resolve(lab.module()).resolve("src/test/resources/stages/lab" + lab.number() + ".properties");
        if (!Files.exists(props)) {
            return 1;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(props)) {
            p.load(in);
        }
        return Integer.parseInt(p.getProperty("count", "1").strip());
    }
}
