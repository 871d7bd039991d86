package dev.redisfromscratch.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The grader's list of suites cannot drift from the labs: every {@code @BlackBox} class in a lab's
 * tests is in {@link BlackBoxSuites#BY_LAB} under that lab, and is in the grader's build (the lab's
 * test jar is a dependency of the grader's pom).
 */
class BlackBoxSuitesTest {
    private static final Pattern MODULE = Pattern.compile("<module>(lab(\\d+)-[^<]*)</module>");

    /** @return the black-box classes found in each lab module's test sources, by lab number */
    private static Map<Integer, List<String>> blackBoxClassesInSources() throws IOException {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        Map<Integer, List<String>> byLab = new TreeMap<>();
        Matcher module = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (module.find()) {
            Path tests = root.resolve(module.group(1)).resolve("src/test/java");
            List<String> classes = new ArrayList<>();
            if (Files.isDirectory(tests)) {
                try (Stream<Path> files = Files.walk(tests)) {
                    for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                        if (Files.readString(f).contains("\n@BlackBox(")) {
                            String relative = tests.relativize(f).toString();
                            classes.add(relative.substring(0, relative.length() - ".java".length()).replace('/', '.'));
                        }
                    }
                }
            }
            classes.sort(null);
            byLab.put(Integer.parseInt(module.group(2)), classes);
        }
        return byLab;
    }

    @Test
    void everyLabsBlackBoxClassesAreTheGradersList() throws IOException {
        Map<Integer, List<String>> inSources = blackBoxClassesInSources();
        assertThat(inSources).as("the root pom's lab modules").isNotEmpty();
        for (Map.Entry<Integer, List<String>> lab : inSources.entrySet()) {
            List<String> listed = new ArrayList<>(BlackBoxSuites.BY_LAB.getOrDefault(lab.getKey(), List.of()));
            listed.sort(null);
            assertThat(listed).as("BlackBoxSuites.BY_LAB for lab %d, against the @BlackBox classes in its tests", lab.getKey())
                    .isEqualTo(lab.getValue());
        }
    }

    @Test
    void everyLabWithASuiteIsInTheGradersBuild() throws IOException {
        Map<Integer, List<String>> inSources = blackBoxClassesInSources();
        List<Integer> withSuite = inSources.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        assertThat(BlackBoxSuites.available().keySet())
                .as("labs whose suites the grader can load (is each lab's test jar a dependency in grader/pom.xml?)")
                .containsExactlyElementsOf(withSuite);
        BlackBoxSuites.available().forEach((lab, classes) -> assertThat(classes).hasSameSizeAs(BlackBoxSuites.BY_LAB.get(lab)));
    }
}
