package dev.redisfromscratch.tools.branches;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code branches} end to end on a tiny two-lab workbook in a temporary git repository: which
 * files each branch has, the commits' parents, and that the clone's own branch, index and working
 * tree are left alone.
 */
class BranchesCommandTest {
    @TempDir
    Path tmp;

    private Path clone;
    private Git git;
    private String output;
    private String errors;

    @BeforeEach
    void tinyWorkbook() throws IOException {
        clone = tmp.resolve("clone");
        write("pom.xml", """
                <project>
                  <modules>
                    <module>testkit</module>
                    <module>lab1-ping</module>
                    <module>lab2-store</module>
                  </modules>
                </project>
                """);
        write("README.md", """
                # Tiny workbook
                <!-- labs:begin -->
                | lab | module |
                |---|---|
                | 1 | lab1-ping |
                | 2 | lab2-store |
                <!-- labs:end -->
                """);
        write("handouts/README.md", "<!-- labs:begin -->\n| lab | handout |\n|---|---|\n| 1 | a |\n| 2 | b |\n<!-- labs:end -->\n");
        write("handouts/lab2-store.md", "lab 2 handout\n");
        write("handouts/trace/lab2.sh", "#!/bin/sh\necho lab 2\n");
        Files.setPosixFilePermissions(clone.resolve("handouts/trace/lab2.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write("testkit/Helper.java", "class Helper {\n}\n");
        write("lab1-ping/src/main/java/Ping.java", """
                class Ping {
                    String pong() {
                        // BEGIN SOLUTION
                        return "+PONG";
                        // END SOLUTION
                        // STUB: throw new UnsupportedOperationException("TODO(lab1): reply +PONG");
                    }
                }
                """);
        write("lab2-store/src/main/java/Store.java", """
                class Store {
                    Object get(String key) {
                        // BEGIN SOLUTION
                        return map.get(key);
                        // END SOLUTION
                        // STUB: throw new UnsupportedOperationException("TODO(lab2): look the key up");
                    }
                }
                """);
        write("lab2-store/src/main/java/Expiry.java", "// SOLUTION FILE\nclass Expiry {\n}\n");
        git = new Git(clone);
        git.run("init", "-q", "-b", "main");
        git.run("config", "user.name", "Test");
        git.run("config", "user.email", "test@example.com");
        git.run("add", "-A");
        git.run("commit", "-q", "-m", "the workbook");
    }

    @Test
    void eachLabGetsAStarterAndASolutionWithTheRightFiles() throws IOException {
        assertThat(branches()).isZero();

        assertThat(output).contains("created   lab1-starter", "created   lab1-solution", "created   lab2-starter",
                "created   lab2-solution");
        assertThat(show("lab1-starter", "lab1-ping/src/main/java/Ping.java"))
                .contains("        throw new UnsupportedOperationException(\"TODO(lab1): reply +PONG\");")
                .doesNotContain("+PONG\";").doesNotContain("SOLUTION");
        assertThat(files("lab1-starter")).containsExactlyInAnyOrder("pom.xml", "README.md", "handouts/README.md",
                "testkit/Helper.java", "lab1-ping/src/main/java/Ping.java");
        assertThat(show("lab1-starter", "pom.xml")).doesNotContain("lab2");
        assertThat(show("lab1-starter", "README.md")).contains("| **1 (current lab)** | lab1-ping |").doesNotContain("lab2");
        assertThat(show("lab1-starter", "handouts/README.md")).contains("| 1 | a |").doesNotContain("| 2 |");

        assertThat(show("lab1-solution", "lab1-ping/src/main/java/Ping.java")).isEqualTo("""
                class Ping {
                    String pong() {
                        return "+PONG";
                    }
                }
                """);
        assertThat(show("lab2-starter", "lab1-ping/src/main/java/Ping.java")).contains("return \"+PONG\";");
        assertThat(show("lab2-starter", "lab2-store/src/main/java/Store.java")).contains("TODO(lab2): look the key up");
        assertThat(files("lab2-starter")).doesNotContain("lab2-store/src/main/java/Expiry.java")
                .contains("handouts/lab2-store.md", "handouts/trace/lab2.sh");
        assertThat(show("lab2-solution", "lab2-store/src/main/java/Expiry.java")).isEqualTo("class Expiry {\n}\n");
        assertThat(git.run("ls-tree", "lab2-solution", "handouts/trace/lab2.sh")).startsWith("100755 ");

        assertThat(parents("lab1-starter")).isEmpty();
        assertThat(parents("lab1-solution")).containsExactly(tip("lab1-starter"));
        assertThat(parents("lab2-starter")).containsExactly(tip("lab1-starter"));
        assertThat(parents("lab2-solution")).containsExactly(tip("lab2-starter"));
        assertThat(git.run("diff", "--name-only", "lab2-starter", "lab2-solution").lines())
                .containsExactlyInAnyOrder("README.md", "lab2-store/src/main/java/Expiry.java",
                        "lab2-store/src/main/java/Store.java");
    }

    @Test
    void theClonesBranchIndexAndWorkingTreeAreLeftAlone() throws IOException {
        String head = tip("HEAD");
        write("README.md", "an uncommitted edit\n");
        write("testkit/Staged.java", "class Staged {\n}\n");
        git.run("add", "testkit/Staged.java");
        String status = git.run("status", "--porcelain");

        assertThat(branches()).isZero();

        assertThat(output).contains("uncommitted changes", "committed HEAD");
        assertThat(git.run("symbolic-ref", "HEAD")).isEqualTo("refs/heads/main");
        assertThat(tip("HEAD")).isEqualTo(head);
        assertThat(git.run("status", "--porcelain")).isEqualTo(status);
        assertThat(Files.readString(clone.resolve("README.md"))).isEqualTo("an uncommitted edit\n");
        assertThat(files("lab2-solution")).doesNotContain("testkit/Staged.java");
    }

    @Test
    void aSecondRunChangesNothingAndANewCommitExtendsTheHistory() throws IOException {
        assertThat(branches()).isZero();
        List<String> before = List.of(tip("lab1-starter"), tip("lab1-solution"), tip("lab2-starter"), tip("lab2-solution"));

        assertThat(branches()).isZero();
        assertThat(output).contains("unchanged lab1-starter", "unchanged lab2-solution").doesNotContain("created", "updated");
        assertThat(List.of(tip("lab1-starter"), tip("lab1-solution"), tip("lab2-starter"), tip("lab2-solution")))
                .isEqualTo(before);

        String store = Files.readString(clone.resolve("lab2-store/src/main/java/Store.java"));
        write("lab2-store/src/main/java/Store.java", store.replace("look the key up", "look the key up in the map"));
        git.run("commit", "-q", "-am", "a better stub message");
        assertThat(branches()).isZero();

        assertThat(output).contains("unchanged lab1-starter", "unchanged lab1-solution", "updated   lab2-starter",
                "unchanged lab2-solution");
        assertThat(parents("lab2-starter")).containsExactly(before.get(2), tip("lab1-starter"));
        assertThat(show("lab2-starter", "lab2-store/src/main/java/Store.java")).contains("look the key up in the map");
    }

    @Test
    void intoANewDirectoryMakesARepositoryWithTheFirstStarterCheckedOut() throws IOException {
        Path into = tmp.resolve("class-repo");

        assertThat(branches("--into", into.toString())).isZero();

        Git target = new Git(into);
        assertThat(target.run("symbolic-ref", "HEAD")).isEqualTo("refs/heads/lab1-starter");
        assertThat(Files.readString(into.resolve("lab1-ping/src/main/java/Ping.java"))).contains("TODO(lab1)");
        assertThat(target.run("branch", "--format=%(refname:short)").lines())
                .containsExactlyInAnyOrder("lab1-starter", "lab1-solution", "lab2-starter", "lab2-solution");
        assertThat(git.run("branch", "--format=%(refname:short)")).isEqualTo("main");
    }

    @Test
    void theCheckedOutStarterOfAnIntoRepositoryIsFastForwardedWithItsFiles() throws IOException {
        Path into = tmp.resolve("class-repo");
        assertThat(branches("--into", into.toString())).isZero();
        betterPingStub();

        assertThat(branches("--into", into.toString())).isZero();

        assertThat(output).contains("updated   lab1-starter", "fast-forwarded");
        assertThat(Files.readString(into.resolve("lab1-ping/src/main/java/Ping.java"))).contains("reply with +PONG");
        assertThat(new Git(into).run("status", "--porcelain")).isEmpty();
    }

    @Test
    void aGeneratedBranchCheckedOutInTheUsersCloneIsNotMoved() throws IOException {
        assertThat(branches()).isZero();
        git.run("worktree", "add", "-q", tmp.resolve("wt").toString(), "lab1-starter");
        String tip = tip("lab1-starter");
        betterPingStub();

        assertThat(branches()).isEqualTo(1);

        assertThat(errors).contains("lab1-starter is checked out in " + tmp.resolve("wt").toRealPath());
        assertThat(tip("lab1-starter")).isEqualTo(tip);
    }

    @Test
    void aStageVariantDiffersFromItsStarterInItsLabOnly() throws IOException {
        assertThat(branches()).isZero();
        Path marked = tmp.resolve("marked");
        SourceExport.export(git, "HEAD", marked);
        List<Lab> labs = Lab.fromRootPom(Files.readString(marked.resolve("pom.xml")));
        Path work = tmp.resolve("stage-builds");
        Path variant = work.resolve("lab2-stages-1-1");
        BranchTree.write(marked, variant, labs, labs.get(1), Markers.Side.STARTER, stage -> stage == 1);
        StageOrderCheck check = new StageOrderCheck(marked, git, labs, work, tmp.resolve("logs"), System.out);

        assertThat(check.differFromStarter(labs.get(1), variant)).isEmpty();

        Files.writeString(variant.resolve("testkit/Helper.java"), "class Helper {\n    int changed;\n}\n");
        assertThat(check.differFromStarter(labs.get(1), variant)).containsExactly("testkit");
    }

    @Test
    void referenceTestedReadsTheCleanClonesReportsInsteadOfBuildingAgain() throws IOException {
        assertThat(branches()).isZero();
        for (String module : List.of("testkit", "tools", "lab1-ping", "lab2-store")) {
            Path reports = clone.resolve(module + "/target/surefire-reports");
            Files.createDirectories(reports);
            Files.writeString(reports.resolve("TEST-" + module + ".xml"), """
                    <testsuite name="T" tests="1"><testcase classname="T" name="works" time="0.1"/></testsuite>
                    """);
        }
        write(".gitignore", "target/\n");
        git.run("add", ".gitignore");
        git.run("commit", "-q", "-m", "ignore builds");
        List<Lab> labs = Lab.fromRootPom(Files.readString(clone.resolve("pom.xml")));
        BranchCheck check = new BranchCheck(git, labs, tmp.resolve("builds"), tmp.resolve("logs"), System.out);
        check.referenceTestedIn(git);

        String[] row = check.checkReference(labs.get(1));

        assertThat(row[2]).isEqualTo("tested in the clone (./lab test)");
        assertThat(row[3]).contains("lab2-store: 1 pass");
        assertThat(check.problems()).isEmpty();

        write("lab1-ping/src/main/java/Ping.java", "class Ping {\n}\n");
        BranchCheck dirty = new BranchCheck(git, labs, tmp.resolve("builds"), tmp.resolve("logs"), System.out);
        dirty.referenceTestedIn(git);
        assertThat(dirty.checkReference(labs.get(1))[2]).isEqualTo("FAILS");
        assertThat(dirty.problems()).singleElement().asString().contains("the clone has changes");
    }

    private void betterPingStub() throws IOException {
        String ping = Files.readString(clone.resolve("lab1-ping/src/main/java/Ping.java"));
        write("lab1-ping/src/main/java/Ping.java", ping.replace("reply +PONG", "reply with +PONG"));
        git.run("commit", "-q", "-am", "a better stub message");
    }

    @Test
    void intoADirectoryThatIsNotARepositoryIsRefused() throws IOException {
        Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(tmp.resolve("notes/todo.txt"), "x");

        assertThat(branches("--into", tmp.resolve("notes").toString())).isEqualTo(1);
        assertThat(errors).contains("is not the top of a git repository");
    }

    @Test
    void aMalformedMarkerStopsEverythingWithItsFileAndLine() throws IOException {
        write("lab1-ping/src/main/java/Bad.java", "class Bad {\n    //BEGIN SOLUTION\n}\n");
        git.run("add", "-A");
        git.run("commit", "-q", "-m", "a typo");

        assertThat(branches()).isEqualTo(1);
        assertThat(errors).contains("lab1-ping/src/main/java/Bad.java:2: not a marker");
        assertThat(git.run("branch", "--format=%(refname:short)")).isEqualTo("main");
    }

    private int branches(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new java.util.ArrayList<>(List.of("--source", clone.toString()));
        all.addAll(List.of(args));
        int status = new CommandLine(new BranchesCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(all.toArray(String[]::new));
        output = out.toString(StandardCharsets.UTF_8);
        errors = err.toString(StandardCharsets.UTF_8);
        return status;
    }

    private void write(String path, String text) throws IOException {
        Path file = clone.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private String show(String branch, String path) {
        return git.run("show", branch + ":" + path) + "\n";
    }

    private List<String> files(String branch) {
        return git.run("ls-tree", "-r", "--name-only", branch).lines().toList();
    }

    private String tip(String ref) {
        return git.run("rev-parse", ref);
    }

    private List<String> parents(String branch) {
        return git.run("log", "-1", "--format=%P", branch).lines().flatMap(l -> List.of(l.split(" ")).stream())
                .filter(s -> !s.isBlank()).toList();
    }
}
