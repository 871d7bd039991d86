package dev.redisfromscratch.tools.branches;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each lab README's "What you write" lists exactly that lab's stubs, with the stages' own names. */
class WhatYouWriteTest {
    /** The workbook's lab modules (the tools module runs its tests in {@code tools/}). */
    static Stream<Path> labs() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("..").toAbsolutePath().normalize())) {
            return dirs.filter(d -> d.getFileName().toString().matches("lab\\d+-.*") && Files.isDirectory(d.resolve("src/main")))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("labs")
    void theReadmeListsExactlyTheLabsStubsStageByStage(Path lab) {
        assertThat(WhatYouWrite.check(lab)).isEmpty();
    }

    @Test
    void aStubTheReadmeForgotOrAStageMisnamedIsReported(@TempDir Path dir) throws IOException {
        Path lab = dir.resolve("lab9-demo");
        Files.createDirectories(lab.resolve("src/main/x"));
        Files.createDirectories(lab.resolve("src/test/resources/stages"));
        Files.writeString(lab.resolve("src/main/x/Thing.java"), String.join("\n",
                "class Thing {",
                "    int size(String a, int b) throws java.io.IOException {",
                "        if (a == null) {",
                "            // BEGIN SOLUTION",
                "            return 1;",
                "            // END SOLUTION",
                "            // STUB: throw new UnsupportedOperationException(\"TODO(lab9): stage 1: count\");",
                "        }",
                "    }",
                "    void run() {",
                "        // STUB: throw new UnsupportedOperationException(\"TODO(lab9): stage 2: run\");",
                "    }",
                "}"));
        Files.writeString(lab.resolve("src/test/resources/stages/lab9.properties"), "count=2\n1.name=one\n2.name=two\n");
        Files.writeString(lab.resolve("README.md"), String.join("\n",
                "## What you write", "### Stage 1 — one", "1. **`Thing.size`** counts.", "### Stage 2 — deux",
                "## Tasks", "**`Thing.run`** is not in the section"));

        List<String> problems = WhatYouWrite.check(lab);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("lists {1=[Thing.size], 2=[]}", "stubs are {1=[Thing.size], 2=[Thing.run]}");
        assertThat(problems.get(1)).contains("stage 2 is 'deux'", "says 'two'");
    }
}
