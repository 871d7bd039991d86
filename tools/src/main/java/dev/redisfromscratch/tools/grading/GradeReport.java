package dev.redisfromscratch.tools.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a cumulative grade: the graded lab first, then the earlier labs as regression. Three
 * views of the same numbers: a text table for the terminal, {@code labN.json} for scripts, and
 * {@code labN.md} for a course's records.
 */
public final class GradeReport {
    private final int gradedLab;
    private final List<LabGrade> labs;
    private final Context context;

    /**
     * How the grade was made, printed with it so that it can be reproduced.
     *
     * @param runs how many times the suite ran ({@code --repeat})
     * @param seed the seed of the black-box tests' keys and values
     * @param server the server graded from outside ({@code --server}), or null for the labs' own
     * @param testsFrom where the tests came from ({@code --tests-from REF}, with its commit), or null
     */
    public record Context(int runs, String seed, String server, String testsFrom) {}

    /**
     * @param gradedLab the lab being graded
     * @param labs the grades of lab {@code gradedLab} down to lab 1
     */
    public GradeReport(int gradedLab, List<LabGrade> labs, Context context) {
        this.gradedLab = gradedLab;
        this.labs = labs;
        this.context = context;
    }

    /**
     * Reads the raw per-test records that testkit's {@code PointsListener} wrote, one JSON object a
     * line: {@code <raw>/lab<K>-run<R>.jsonl} for K = {@code gradedLab}..1 and R = 1..{@code runs}.
     * A missing file is a lab or run with no tests (a lab without a black-box suite).
     *
     * @param gradedLab the lab being graded
     * @param runs how many runs there were
     * @param raw the directory of the records
     * @param context how the grade was made
     * @return the grade of labs {@code gradedLab} down to 1
     * @throws IOException if a record file cannot be read or a line is not a record
     */
    public static GradeReport read(int gradedLab, int runs, Path raw, Context context) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<LabGrade> labs = new ArrayList<>();
        for (int k = gradedLab; k >= 1; k--) {
            List<List<GradedTest>> byRun = new ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                List<GradedTest> tests = new ArrayList<>();
                Path file = raw.resolve("lab" + k + "-run" + r + ".jsonl");
                if (Files.exists(file)) {
                    for (String line : Files.readAllLines(file)) {
                        if (!line.isBlank()) {
                            tests.add(json.readValue(line, GradedTest.class));
                        }
                    }
                }
                byRun.add(tests);
            }
            labs.add(new LabGrade(k, byRun));
        }
        return new GradeReport(gradedLab, labs, context);
    }

    /** @return whether every test that ran passed in every run */
    public boolean allPassed() {
        return labs.stream().allMatch(l -> l.score().passed() == l.score().tests());
    }

    /** @return whether every Redis-behaviour test that ran passed (for {@code --server}) */
    public boolean allRedisBehaviourPassed() {
        return labs.stream().allMatch(l -> l.score(false).passed() == l.score(false).tests());
    }

    /** The terminal view: the score table, then failed, flaky and skipped tests with their messages. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(title()).append("\n\n");
        if (context.server() == null) {
            sb.append(String.format("  %-5s %-14s %-12s %s%n", "lab", "tests passed", "points", ""));
            LabGrade.Score total = new LabGrade.Score(0, 0, 0, 0);
            for (LabGrade lab : labs) {
                LabGrade.Score s = lab.score();
                sb.append(String.format("  %-5s %-14s %-12s %5.1f%%%n", lab.lab(), s.passed() + "/" + s.tests(),
                        s.earned() + "/" + s.possible(), s.percent()));
                appendStages(sb, lab.stages(null));
                total = total.plus(s);
            }
            sb.append(String.format("  %-5s %-14s %-12s %5.1f%%%n", "all", total.passed() + "/" + total.tests(),
                    total.earned() + "/" + total.possible(), total.percent()));
        } else {
            sb.append(String.format("  %-5s %-24s %-12s %s%n", "lab", "Redis-behaviour tests", "points", "workbook-specific tests"));
            for (LabGrade lab : labs) {
                if (!lab.hasTests()) {
                    sb.append(String.format("  %-5s %s%n", lab.lab(), "(no black-box tests)"));
                    continue;
                }
                LabGrade.Score redis = lab.score(false);
                LabGrade.Score specific = lab.score(true);
                sb.append(String.format("  %-5s %-24s %-12s %s%n", lab.lab(),
                        redis.passed() + "/" + redis.tests() + String.format(" (%.1f%%)", redis.percent()),
                        redis.earned() + "/" + redis.possible(),
                        specific.tests() == 0 ? "-" : specific.passed() + "/" + specific.tests()));
                appendStages(sb, lab.stages(false));
            }
        }
        for (LabGrade lab : labs) {
            // Failures with the same cause (the same first line) are shown once, then named.
            Map<String, List<GradedTest>> byCause = new LinkedHashMap<>();
            for (GradedTest t : lab.failed()) {
                byCause.computeIfAbsent(firstLine(t.message()), k -> new ArrayList<>()).add(t);
            }
            for (List<GradedTest> same : byCause.values()) {
                GradedTest t = same.get(0);
                sb.append("\nFAILED  lab ").append(lab.lab()).append("  ").append(t.shortName())
                        .append("  (").append(t.points()).append(t.points() == 1 ? " point)" : " points)");
                if (t.workbookSpecific() != null) {
                    sb.append("  workbook-specific: ").append(t.workbookSpecific());
                }
                sb.append('\n').append(indent(t.message() == null ? "(no message)" : t.message())).append('\n');
                if (same.size() > 1) {
                    sb.append("    ... and ").append(same.size() - 1).append(" more failed the same way: ");
                    sb.append(same.stream().skip(1).map(o -> o.shortName() + " (" + o.points() + ")")
                            .collect(Collectors.joining(", "))).append('\n');
                }
            }
            for (Map.Entry<GradedTest, Integer> e : lab.flaky().entrySet()) {
                GradedTest t = e.getKey();
                sb.append("\nFLAKY   lab ").append(lab.lab()).append("  ").append(t.shortName()).append("  failed in ")
                        .append(e.getValue()).append(" of ").append(lab.runs()).append(" runs\n")
                        .append(indent(t.message() == null ? "(no message)" : t.message())).append('\n');
            }
        }
        int skipped = labs.stream().mapToInt(l -> l.notRun().size()).sum();
        if (skipped > 0) {
            sb.append("\nNot run (counted neither way): ").append(skipped).append(" tests, e.g. ");
            labs.stream().flatMap(l -> l.notRun().stream()).findFirst()
                    .ifPresent(t -> sb.append(t.shortName()).append(": ").append(t.message()));
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * One line per stage under its lab's line, e.g.
     * {@code       stage 2  dispatch   9/12   9/12   75.0%}; a failing stage that comes first is
     * marked as the one to work on.
     */
    private static void appendStages(StringBuilder sb, List<LabGrade.StageScore> stages) {
        boolean markedNext = false;
        for (LabGrade.StageScore st : stages) {
            LabGrade.Score s = st.score();
            String label = st.stage() == 0 ? "given" : "stage " + st.stage();
            boolean next = !markedNext && st.stage() != 0 && s.passed() < s.tests();
            markedNext |= next;
            sb.append(String.format("        %-8s %-32s %-10s %-10s %5.1f%%%s%n", label, st.name(),
                    s.passed() + "/" + s.tests(), s.earned() + "/" + s.possible(), s.percent(),
                    next ? "   <- work on this stage next" : ""));
        }
    }

    /** The records view: a markdown table and the failures, for {@code target/grades/labN.md}. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title()).append("\n\n");
        sb.append("| lab | tests passed | points | % |\n|---|---|---|---|\n");
        for (LabGrade lab : labs) {
            LabGrade.Score s = context.server() == null ? lab.score() : lab.score(false);
            sb.append(String.format("| %d | %d/%d | %d/%d | %.1f |%n", lab.lab(), s.passed(), s.tests(), s.earned(), s.possible(), s.percent()));
            for (LabGrade.StageScore st : lab.stages(context.server() == null ? null : false)) {
                LabGrade.Score ss = st.score();
                sb.append(String.format("| %d, %s: %s | %d/%d | %d/%d | %.1f |%n", lab.lab(),
                        st.stage() == 0 ? "given" : "stage " + st.stage(), st.name(),
                        ss.passed(), ss.tests(), ss.earned(), ss.possible(), ss.percent()));
            }
        }
        boolean any = false;
        for (LabGrade lab : labs) {
            for (GradedTest t : lab.failed()) {
                if (!any) {
                    sb.append("\n## Failed tests\n");
                    any = true;
                }
                sb.append("\n### lab ").append(lab.lab()).append(": `").append(t.shortName()).append("` (")
                        .append(t.points()).append(" points)\n\n```\n").append(t.message()).append("\n```\n");
            }
            for (GradedTest t : lab.flaky().keySet()) {
                sb.append("\n### flaky, lab ").append(lab.lab()).append(": `").append(t.shortName()).append("`\n\n```\n")
                        .append(t.message()).append("\n```\n");
            }
        }
        return sb.toString();
    }

    /** The scripts view, for {@code target/grades/labN.json}. */
    public String json() throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("lab", gradedLab);
        root.put("runs", context.runs());
        root.put("seed", context.seed());
        root.put("server", context.server());
        root.put("testsFrom", context.testsFrom());
        root.put("allPassed", context.server() == null ? allPassed() : allRedisBehaviourPassed());
        ArrayNode labsNode = root.putArray("labs");
        for (LabGrade lab : labs) {
            ObjectNode n = labsNode.addObject();
            n.put("lab", lab.lab());
            score(n.putObject("score"), lab.score());
            ArrayNode stagesNode = n.putArray("stages");
            for (LabGrade.StageScore st : lab.stages(context.server() == null ? null : false)) {
                ObjectNode sn = stagesNode.addObject();
                sn.put("stage", st.stage()).put("name", st.name());
                score(sn.putObject("score"), st.score());
            }
            if (context.server() != null) {
                score(n.putObject("redisBehaviour"), lab.score(false));
                score(n.putObject("workbookSpecific"), lab.score(true));
            }
            ArrayNode failed = n.putArray("failed");
            lab.failed().forEach(t -> failed.addObject().put("test", t.test()).put("points", t.points()).put("message", t.message()));
            ArrayNode flaky = n.putArray("flaky");
            lab.flaky().forEach((t, times) -> flaky.addObject().put("test", t.test()).put("failedRuns", times).put("message", t.message()));
            ArrayNode notRun = n.putArray("notRun");
            lab.notRun().forEach(t -> notRun.addObject().put("test", t.test()).put("reason", t.message()));
        }
        return mapper.writeValueAsString(root);
    }

    /** Writes {@code labN.json} and {@code labN.md} into {@code dir}; returns the markdown's path. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("lab" + gradedLab + ".json"), json());
        Path md = dir.resolve("lab" + gradedLab + ".md");
        Files.writeString(md, markdown());
        return md;
    }

    private String title() {
        StringBuilder sb = new StringBuilder();
        sb.append(context.server() == null ? "Grade for lab " + gradedLab : "Black-box grade of " + context.server() + " for lab " + gradedLab);
        sb.append(" (labs ").append(gradedLab).append(gradedLab > 1 ? "..1" : "").append("; ")
                .append(context.runs()).append(context.runs() == 1 ? " run" : " runs")
                .append("; seed ").append(context.seed())
                .append("; tests from ").append(context.testsFrom() == null ? "this checkout" : context.testsFrom()).append(')');
        return sb.toString();
    }

    private static void score(ObjectNode n, LabGrade.Score s) {
        n.put("passed", s.passed()).put("tests", s.tests()).put("earned", s.earned()).put("possible", s.possible());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String indent(String text) {
        return "    " + text.strip().replace("\n", "\n    ");
    }
}
