package dev.redisfromscratch.tools.branches;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that a lab README's "What you write" section lists exactly the lab's stubs, stage by
 * stage, so that what a student is told to write and what their starter branch leaves them to
 * write cannot drift apart.
 *
 * <ul>
 *   <li>The stubs: every {@code throw new UnsupportedOperationException("TODO(labN): stage K: ...")}
 *       in the lab's {@code src/main}, as a {@code // STUB:} marker in the reference or as code in a
 *       starter branch, named by the method it sits in ({@code Class.method}) and the stage its
 *       message gives. A lab without stubs (its solution branch) has nothing to check.
 *   <li>The README: under {@code ## What you write}, each {@code ### Stage K — name} heading, and
 *       every {@code **`Class.method`**} below it (an argument list after the name is ignored).
 *   <li>The stage names: {@code src/test/resources/stages/labN.properties}, {@code K.name}.
 * </ul>
 */
public final class WhatYouWrite {
    private static final String STUB = "throw new UnsupportedOperationException(";
    private static final Pattern METHOD = Pattern.compile("\\b(\\w+)\\s*\\([^;{]*\\)\\s*(throws [\\w.,\\s]+)?\\{\\s*$");
    private static final Pattern STAGE_HEADING = Pattern.compile("^### Stage (\\d+) — (.+)$");
    private static final Pattern LISTED = Pattern.compile("\\*\\*`(\\w+\\.\\w+)(?:\\([^`]*\\))?`\\*\\*");

    private WhatYouWrite() {
    }

    /**
     * @param labDir the lab's module directory, e.g. {@code lab1-tcp-ping}
     * @return the problems found, one line each; empty when README, stubs and stage names agree
     */
    public static List<String> check(Path labDir) {
        List<String> problems = new ArrayList<>();
        Map<Integer, TreeSet<String>> stubs = stubs(labDir.resolve("src/main"), problems);
        if (stubs.isEmpty()) {
            return problems; // a solution: the README describes the starter
        }
        Map<Integer, TreeSet<String>> listed = new TreeMap<>();
        Map<Integer, String> names = new TreeMap<>();
        readme(labDir.resolve("README.md"), listed, names, problems);
        if (!stubs.equals(listed)) {
            problems.add(labDir.getFileName() + ": README's What you write lists " + listed + " but the stubs are " + stubs);
        }
        String lab = labDir.getFileName().toString().replaceAll("^lab(\\d+)-.*", "$1");
        Path props = labDir.resolve("src/test/resources/stages/lab" + lab + ".properties");
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(props)) {
            p.load(in);
        } catch (IOException e) {
            problems.add(labDir.getFileName() + ": cannot read " + props + ": " + e.getMessage());
            return problems;
        }
        names.forEach((stage, name) -> {
            if (!name.equals(p.getProperty(stage + ".name"))) {
                problems.add(labDir.getFileName() + ": README's stage " + stage + " is '" + name
                        + "' but stages/lab" + lab + ".properties says '" + p.getProperty(stage + ".name") + "'");
            }
        });
        if (!String.valueOf(names.size()).equals(p.getProperty("count"))) {
            problems.add(labDir.getFileName() + ": README has " + names.size() + " stages, the properties count "
                    + p.getProperty("count"));
        }
        return problems;
    }

    /** Stage → the {@code Class.method}s whose bodies are stubs. */
    static Map<Integer, TreeSet<String>> stubs(Path srcMain, List<String> problems) {
        Map<Integer, TreeSet<String>> byStage = new TreeMap<>();
        try (Stream<Path> files = Files.walk(srcMain)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                String className = file.getFileName().toString().replace(".java", "");
                for (int i = 0; i < lines.size(); i++) {
                    int stage = lines.get(i).contains(STUB) ? Markers.stageOf(lines.get(i)) : 0;
                    if (stage == 0) {
                        continue;
                    }
                    String method = null;
                    int depth = indent(lines.get(i));
                    for (int j = i - 1; j >= 0 && method == null; j--) {
                        Matcher m = METHOD.matcher(lines.get(j));
                        // the enclosing method's header is indented less than the stub: a line of
                        // the body that ends in "(...) {" (a try-with-resources, say) is not it
                        if (m.find() && indent(lines.get(j)) < depth && !lines.get(j).strip().startsWith("//")
                                && !List.of("if", "for", "while", "switch", "catch", "synchronized").contains(m.group(1))) {
                            method = m.group(1);
                        }
                    }
                    if (method == null) {
                        problems.add(file + ":" + (i + 1) + ": a stub outside any method");
                        continue;
                    }
                    byStage.computeIfAbsent(stage, k -> new TreeSet<>())
                            .add(className + "." + method);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byStage;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static void readme(Path readme, Map<Integer, TreeSet<String>> listed, Map<Integer, String> names,
                               List<String> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme);
        } catch (IOException e) {
            problems.add("cannot read " + readme + ": " + e.getMessage());
            return;
        }
        boolean inSection = false;
        Integer stage = null;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## What you write");
                stage = null;
                continue;
            }
            if (!inSection) {
                continue;
            }
            Matcher heading = STAGE_HEADING.matcher(line);
            if (heading.matches()) {
                stage = Integer.parseInt(heading.group(1));
                names.put(stage, heading.group(2).strip());
                listed.put(stage, new TreeSet<>());
                continue;
            }
            Matcher item = LISTED.matcher(line);
            while (item.find()) {
                if (stage == null) {
                    problems.add(readme + ": " + item.group(1) + " is listed before any '### Stage K — name' heading");
                } else {
                    listed.get(stage).add(item.group(1));
                }
            }
        }
        if (names.isEmpty()) {
            problems.add(readme + ": no '## What you write' section with '### Stage K — name' headings");
        }
    }
}
