package dev.redisfromscratch.tools.branches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkbookEditsTest {
    private static final String POM = """
            <project>
              <modules>
                <module>testkit</module>
                <module>lab1-tcp-ping</module>
                <module>lab2-datastore</module>
                <module>lab3-resp-parser</module>
              </modules>
              <dependencyManagement>
                <dependencies>
                  <dependency><groupId>g</groupId><artifactId>lab1-tcp-ping</artifactId><version>1</version></dependency>
                  <dependency><groupId>g</groupId><artifactId>lab3-resp-parser</artifactId><version>1</version></dependency>
                  <dependency><groupId>g</groupId><artifactId>jedis</artifactId><version>5</version></dependency>
                </dependencies>
              </dependencyManagement>
            </project>
            """;

    private static final List<Lab> LABS = Lab.fromRootPom(POM);

    private static final String README = """
            # Workbook

            <!-- labs:begin: the lab table -->
            | lab | module | what |
            |---|---|---|
            | 1 | [`lab1-tcp-ping`](lab1-tcp-ping/README.md) | TCP |
            | 2 | [`lab2-datastore`](lab2-datastore/README.md) | keys |
            | 3 | [`lab3-resp-parser`](lab3-resp-parser/README.md) | RESP |
            <!-- labs:end -->

            | 1 | a row of another table stays |

            ```
            pom.xml              parent POM
            lab1-tcp-ping/       lab 1
            lab2-datastore/      lab 2
            lab3-resp-parser/    lab 3
            testkit/             helpers
            ```
            """;

    @Test
    void theLabsAreTheRootPomsLabModulesInOrder() {
        assertThat(LABS).containsExactly(new Lab(1, "lab1-tcp-ping"), new Lab(2, "lab2-datastore"),
                new Lab(3, "lab3-resp-parser"));
        assertThat(LABS.get(1).starterBranch()).isEqualTo("lab2-starter");
        assertThat(LABS.get(1).solutionBranch()).isEqualTo("lab2-solution");
    }

    @Test
    void theRootPomLosesLaterLabsModulesAndDependencyRows() {
        String pom = WorkbookEdits.rootPom(POM, 2);
        assertThat(pom).contains("<module>lab2-datastore</module>", "<artifactId>lab1-tcp-ping</artifactId>",
                "<artifactId>jedis</artifactId>");
        assertThat(pom).doesNotContain("lab3");
        assertThat(POM.lines().count() - pom.lines().count()).isEqualTo(2);
    }

    @Test
    void theReadmeKeepsEarlierLabsAndMarksTheCurrentOne() {
        String readme = WorkbookEdits.readme(README, LABS, 2, 2);
        assertThat(readme).contains("| 1 | [`lab1-tcp-ping`]", "| **2 (current lab)** | [`lab2-datastore`]",
                "| 1 | a row of another table stays |", "lab2-datastore/      lab 2", "testkit/             helpers");
        assertThat(readme).doesNotContain("lab3");
    }

    @Test
    void aSolutionReadmeMarksNoLab() {
        String readme = WorkbookEdits.readme(README, LABS, 3, 0);
        assertThat(readme).isEqualTo(README);
    }

    @Test
    void everyMarkedTableLosesLaterLabsButOnlyTheFirstMarksTheCurrentLab() {
        String two = "<!-- labs:begin the labs -->\n| lab | m |\n|---|---|\n| 1 | a |\n| 2 | b |\n| 3 | c |\n<!-- labs:end -->\n"
                + "text\n<!-- labs:begin comparing -->\n| lab | rows |\n|---|---|\n| 1 | x |\n| 2 | y |\n| 3 | z |\n<!-- labs:end -->\n";
        String edited = WorkbookEdits.labTable("README.md", two, 2, 2);
        assertThat(edited).contains("| **2 (current lab)** | b |", "| 2 | y |", "| 1 | x |", "text\n")
                .doesNotContain("| 3 |", "| **2 (current lab)** | y |");
    }

    @Test
    void studentBranchesGetInstructorsWithoutTheAnswerKeys() {
        String instructors = "# For instructors\n\n## Grading\ntext\n\n## Answer keys for the handouts\n\n### Lab 1\n1. yes\n\n## After\nkept\n";
        assertThat(WorkbookEdits.instructors(instructors))
                .isEqualTo("# For instructors\n\n## Grading\ntext\n\n## After\nkept\n");
        assertThat(WorkbookEdits.instructors("# none\n")).isEqualTo("# none\n");
    }

    @Test
    void aTableWithoutItsMarkersIsAnError() {
        assertThatThrownBy(() -> WorkbookEdits.labTable("handouts/README.md", "| 1 | x |\n", 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("handouts/README.md: no lab table");
    }

    @Test
    void handoutsAndTraceScriptsBelongToTheirLab() {
        assertThat(WorkbookEdits.handoutLab("handouts/lab3-resp-parser.md")).isEqualTo(3);
        assertThat(WorkbookEdits.handoutLab("handouts/trace/lab2.sh")).isEqualTo(2);
        assertThat(WorkbookEdits.handoutLab("handouts/trace/common.sh")).isZero();
        assertThat(WorkbookEdits.handoutLab("handouts/README.md")).isZero();
        assertThat(WorkbookEdits.handoutLab("lab3-resp-parser/README.md")).isZero();
    }
}
