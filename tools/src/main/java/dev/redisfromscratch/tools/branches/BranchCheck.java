package dev.redisfromscratch.tools.branches;

import dev.redisfromscratch.tools.branches.SurefireReports.TestCase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Proves that generated branches are what students and instructors need:
 *
 * <ul>
 *   <li>no marker is left in any lab's code, on any branch;
 *   <li>{@code git diff labN-starter labN-solution} touches lab N's module (and the README's
 *       "current lab" mark) only;
 *   <li>{@code labN-starter} builds; lab N's tests fail, at least one, every failure mentions
 *       {@code TODO(labN)}, and none takes {@value #SLOW_FAILURE_SECONDS} s or more (a stub must
 *       fail a test at once, not make it wait for a timeout);
 *   <li>the newest lab's solution builds and passes every test of every module, the standalone
 *       grader's included, in every Surefire execution ({@link SurefireReports#readEveryExecution}).
 *       With {@link #referenceTestedIn} that build is not run again: the reports of the clean clone
 *       the branches were generated from are read instead (its HEAD, with the marker lines that
 *       the solution drops, is the solution's source);
 *   <li>the other solutions, and testkit, tools and the earlier labs of every starter, are the same
 *       trees (git tree ids) as the newest solution's, so they pass there too: their tests are not
 *       run again.
 * </ul>
 *
 * Each build is {@link MavenBuild} ({@code mvn -o verify}, never {@code install}) in a fresh
 * export of the branch. A starter builds only its lab and what it depends on ({@code -pl labN -am})
 * and runs only its lab's tests ({@code -Dtests.only=labN-...}, the root pom's {@code tests-only}
 * profile): the earlier labs and testkit are compiled and packaged, with their test jars, but their
 * tests were run by the newest solution's build, on the same trees.
 */
final class BranchCheck {
    /** A failing test that takes this long (seconds) waited for a timeout instead of failing fast. */
    static final double SLOW_FAILURE_SECONDS = 5;
    /** The standalone grader's module: built and tested with the newest solution only. */
    private static final String GRADER = "grader";

    private final Git repo;
    private final List<Lab> labs;
    private final Path work;
    private final Path logs;
    private final PrintStream out;
    private final List<String> problems = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();
    private Git testedClone;

    /**
     * @param repo the repository holding the generated branches
     * @param labs the labs, in order
     * @param work an empty scratch directory for the exported branches
     * @param logs where the Maven logs are kept (one per built branch)
     * @param out where the progress and the table go
     */
    BranchCheck(Git repo, List<Lab> labs, Path work, Path logs, PrintStream out) {
        this.repo = repo;
        this.labs = labs;
        this.work = work;
        this.logs = logs;
        this.out = out;
    }

    /**
     * Reads the newest solution's test results from {@code clone}'s reports instead of building that
     * branch: {@code ./lab test} (every module, every Surefire execution) has just run there, as
     * {@code .ci/run} runs it first. The branches are generated from {@code clone}'s HEAD, and the
     * solution is HEAD without its marker lines (comments and stub lines), so its tests are the ones
     * that ran. The check refuses a clone with changes: what was tested must be HEAD.
     *
     * @param clone the clone the branches were generated from, tested in place
     */
    void referenceTestedIn(Git clone) {
        this.testedClone = clone;
    }

    /** @return the problems found so far, one line each */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** @return whether every check passed; the table and the problems are printed either way */
    boolean run() throws IOException {
        Lab newest = labs.get(labs.size() - 1);
        String reference = newest.solutionBranch();
        for (Lab lab : labs) {
            checkNoMarkersLeft(lab.starterBranch());
            checkNoMarkersLeft(lab.solutionBranch());
            checkDiffStaysInLab(lab);
        }
        Map<String, String[]> byBranch = new HashMap<>();
        for (int i = 0; i < labs.size(); i++) {
            Lab lab = labs.get(i);
            String same = sameAsReference(lab.starterBranch(), labs.subList(0, i), reference);
            byBranch.put(lab.starterBranch(), checkStarter(lab, same));
        }
        byBranch.put(reference, checkReference(newest));
        for (Lab lab : labs.subList(0, labs.size() - 1)) {
            List<Lab> upTo = labs.subList(0, labs.indexOf(lab) + 1);
            String same = sameAsReference(lab.solutionBranch(), upTo, reference);
            byBranch.put(lab.solutionBranch(), new String[] {Integer.toString(lab.number()), lab.solutionBranch(),
                "not built", same + ", tested there"});
        }
        for (Lab lab : labs) {
            rows.add(byBranch.get(lab.starterBranch()));
            rows.add(byBranch.get(lab.solutionBranch()));
        }
        printTable();
        if (problems.isEmpty()) {
            out.println("branches check: OK");
            return true;
        }
        out.println("branches check: FAILED");
        for (String p : problems) {
            out.println("  - " + p.replace("\n", "\n    "));
        }
        return false;
    }

    private void checkNoMarkersLeft(String branch) {
        List<String> args = new ArrayList<>(List.of("grep", "-n", "-E",
                "^[[:space:]]*// (BEGIN SOLUTION|END SOLUTION|STUB:|SOLUTION FILE)", branch, "--"));
        labs.forEach(l -> args.add(l.module() + "/"));
        Git.Result r = repo.tryRun(Map.of(), args.toArray(String[]::new));
        if (r.status() == 0) {
            problems.add(branch + " still has marker lines:\n" + r.out().lines().limit(5).collect(Collectors.joining("\n")));
        } else if (r.status() != 1) {
            problems.add("git grep on " + branch + " failed: " + r.err().strip());
        }
    }

    private void checkDiffStaysInLab(Lab lab) {
        List<String> outside = repo.run("diff", "--name-only", lab.starterBranch(), lab.solutionBranch())
                .lines().filter(p -> !p.startsWith(lab.module() + "/") && !p.equals("README.md")).toList();
        if (!outside.isEmpty()) {
            problems.add("git diff " + lab.starterBranch() + " " + lab.solutionBranch()
                    + " changes files outside " + lab.module() + "/: " + outside);
        }
    }

    /**
     * @return a description such as "testkit, tools, labs 1-2 are lab3-solution's"; mismatches are recorded
     *     as problems
     */
    private String sameAsReference(String branch, List<Lab> labsInBranch, String reference) {
        List<String> dirs = new ArrayList<>(sharedModules(reference));
        labsInBranch.forEach(l -> dirs.add(l.module()));
        for (String dir : dirs) {
            Optional<String> ours = repo.resolve(branch + ":" + dir);
            Optional<String> theirs = repo.resolve(reference + ":" + dir);
            if (!ours.equals(theirs)) {
                problems.add(branch + ": " + dir + "/ differs from " + reference + "'s");
            }
        }
        return String.join(", ", sharedModules(reference))
                + (labsInBranch.isEmpty() ? "" : ", " + BranchGenerator.range(labsInBranch))
                + " are " + reference + "'s (same git trees)";
    }

    /**
     * @return the modules that are no lab and are the same on every branch: testkit, tools, and the
     *     standalone grader where the reference has one
     */
    private List<String> sharedModules(String reference) {
        List<String> shared = new ArrayList<>(List.of("testkit", "tools"));
        if (repo.resolve(reference + ":" + GRADER).isPresent()) {
            shared.add(GRADER);
        }
        return shared;
    }

    private String[] checkStarter(Lab lab, String same) throws IOException {
        String branch = lab.starterBranch();
        Path dir = work.resolve(branch);
        SourceExport.export(repo, branch, dir);
        MavenBuild build = MavenBuild.verify(dir, logs.resolve(branch + ".log"),
                List.of("-pl", lab.module(), "-am", MavenBuild.testsOnly(lab.module())), out);
        if (!build.built()) {
            problems.add(branch + " does not build (log: " + build.log() + "):\n" + build.firstErrors());
            return new String[] {Integer.toString(lab.number()), branch, "FAILS", "see " + build.log()};
        }
        List<String> summary = new ArrayList<>();
        List<TestCase> tests = SurefireReports.read(dir.resolve(lab.module()));
        List<TestCase> broken = tests.stream().filter(TestCase::broke).toList();
        String todo = "TODO(lab" + lab.number() + ")";
        List<TestCase> notTodo = broken.stream().filter(t -> !t.mentions(todo)).toList();
        List<TestCase> slow = broken.stream().filter(t -> t.seconds() >= SLOW_FAILURE_SECONDS).toList();
        if (broken.isEmpty()) {
            problems.add(branch + ": no test of lab " + lab.number() + " fails: are its exercises marked?");
        }
        if (!notTodo.isEmpty()) {
            problems.add(branch + ": " + notTodo.size() + " failing test(s) of lab " + lab.number()
                    + " do not mention " + todo + ":\n" + describe(notTodo));
        }
        if (!slow.isEmpty()) {
            problems.add(branch + ": " + slow.size() + " test(s) of lab " + lab.number() + " fail only after "
                    + SLOW_FAILURE_SECONDS + " s or more (a timeout?):\n" + describe(slow));
        }
        summary.add("lab " + lab.number() + ": " + broken.size() + " of " + tests.size() + " fail"
                + (notTodo.isEmpty() && !broken.isEmpty() ? ", all with " + todo : ""));
        summary.add(same + ", tested there");
        return new String[] {Integer.toString(lab.number()), branch, "ok " + build.seconds() + " s",
                String.join("; ", summary)};
    }

    String[] checkReference(Lab newest) throws IOException {
        String branch = newest.solutionBranch();
        if (testedClone != null) {
            return readTestedClone(newest);
        }
        Path dir = work.resolve(branch);
        SourceExport.export(repo, branch, dir);
        MavenBuild build = MavenBuild.verify(dir, logs.resolve(branch + ".log"), List.of(), out);
        if (!build.built()) {
            problems.add(branch + " does not build (log: " + build.log() + "):\n" + build.firstErrors());
            return new String[] {Integer.toString(newest.number()), branch, "FAILS", "see " + build.log()};
        }
        List<String> summary = new ArrayList<>();
        List<String> modules = new ArrayList<>(List.of("testkit", "tools"));
        labs.forEach(l -> modules.add(l.module()));
        for (String module : modules) {
            summary.add(passes(branch, module, dir));
        }
        if (sharedModules(branch).contains(GRADER)) {
            summary.add(passes(branch, GRADER, dir));
        }
        return new String[] {Integer.toString(newest.number()), branch, "ok " + build.seconds() + " s",
                String.join("; ", summary)};
    }

    private String[] readTestedClone(Lab newest) throws IOException {
        String branch = newest.solutionBranch();
        String changes = testedClone.run("status", "--porcelain");
        if (!changes.isBlank()) {
            problems.add("--reference-tested: the clone has changes, so its test reports are not HEAD's:\n"
                    + changes.lines().limit(5).collect(Collectors.joining("\n")));
            return new String[] {Integer.toString(newest.number()), branch, "FAILS", "the tested clone has changes"};
        }
        Path dir = Path.of(testedClone.run("rev-parse", "--show-toplevel"));
        List<String> modules = new ArrayList<>(List.of("testkit", "tools"));
        labs.forEach(l -> modules.add(l.module()));
        if (sharedModules(branch).contains(GRADER)) {
            modules.add(GRADER);
        }
        List<String> summary = new ArrayList<>();
        for (String module : modules) {
            if (SurefireReports.readEveryExecution(dir.resolve(module)).isEmpty()) {
                problems.add("--reference-tested: " + module + " has no test reports in " + dir
                        + " (run ./lab test there first)");
                summary.add(module + ": no reports");
            } else {
                summary.add(passes(branch, module, dir));
            }
        }
        return new String[] {Integer.toString(newest.number()), branch, "tested in the clone (./lab test)",
                String.join("; ", summary)};
    }

    /**
     * Records a problem unless every test of {@code module} passed (or was skipped), in every Surefire
     * execution of the module.
     */
    private String passes(String branch, String module, Path dir) throws IOException {
        List<TestCase> tests = SurefireReports.readEveryExecution(dir.resolve(module));
        List<TestCase> broken = tests.stream().filter(TestCase::broke).toList();
        long skipped = tests.stream().filter(t -> t.outcome() == SurefireReports.Outcome.SKIPPED).count();
        if (!broken.isEmpty()) {
            problems.add(branch + ": " + broken.size() + " test(s) of " + module + " fail:\n" + describe(broken));
            return module + ": " + broken.size() + " of " + tests.size() + " FAIL";
        }
        return module + ": " + (tests.size() - skipped) + " pass" + (skipped > 0 ? ", " + skipped + " skipped" : "");
    }

    private static String describe(List<TestCase> tests) {
        return tests.stream().limit(5)
                .map(t -> t.id() + ": " + firstLine(t.message().isEmpty() ? t.detail() : t.message()))
                .collect(Collectors.joining("\n")) + (tests.size() > 5 ? "\n..." : "");
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }

    private void printTable() {
        String[] header = {"lab", "branch", "build", "tests"};
        int[] width = new int[3];
        for (int c = 0; c < 3; c++) {
            width[c] = header[c].length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        String format = "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %s%n";
        out.println();
        out.printf(format, (Object[]) header);
        for (String[] row : rows) {
            out.printf(format, (Object[]) row);
        }
        out.println();
    }
}
