package dev.redisfromscratch.tools.branches;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edits that make the workbook's shared files describe only the labs a branch has: the root
 * pom's module list, the lab tables of {@code README.md} and {@code handouts/README.md}, and
 * which handout files exist. Every edit is line-based and leaves the other lines byte for byte.
 *
 * <p>The tables are found by their markers, one line each, around the whole table:
 * <pre>
 *   &lt;!-- labs:begin ... --&gt;
 *   | lab | ... |
 *   |---|...|
 *   | 1 | ... |        a row: its first cell is the lab number
 *   &lt;!-- labs:end --&gt;
 * </pre>
 */
public final class WorkbookEdits {
    /** Starts the line before a lab table. */
    public static final String TABLE_BEGIN = "<!-- labs:begin";
    /** The line after a lab table. */
    public static final String TABLE_END = "<!-- labs:end -->";

    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|");
    private static final Pattern MODULE_LINE = Pattern.compile("<module>\\s*lab(\\d+)-[^<]*</module>");
    private static final Pattern DEPENDENCY_LINE =
            Pattern.compile("^\\s*<dependency>.*<artifactId>lab(\\d+)-[^<]*</artifactId>.*</dependency>\\s*$");
    private static final Pattern HANDOUT = Pattern.compile("^handouts/(?:trace/)?lab(\\d+)(?:[-.][^/]*)$");

    private WorkbookEdits() {
    }

    /**
     * The root pom without the labs after {@code lastLab}: their {@code <module>} lines and their
     * one-line {@code <dependency>} rows in dependencyManagement.
     */
    public static String rootPom(String pom, int lastLab) {
        List<String> out = new ArrayList<>();
        for (String line : Lines.split(pom)) {
            Matcher module = MODULE_LINE.matcher(line);
            Matcher dependency = DEPENDENCY_LINE.matcher(Lines.body(line));
            if (module.find() && Integer.parseInt(module.group(1)) > lastLab) {
                continue;
            }
            if (dependency.find() && Integer.parseInt(dependency.group(1)) > lastLab) {
                continue;
            }
            out.add(line);
        }
        return String.join("", out);
    }

    /**
     * The root README: its lab table keeps the rows up to {@code lastLab}, the current lab's row is
     * marked, and lines that start with a later lab's module directory (the repository layout)
     * go.
     *
     * @param labs every lab of the source, to recognise later labs' directories
     * @param currentLab the lab the branch is for, marked "(current lab)"; 0 marks none
     * @throws IllegalArgumentException if the table markers are missing
     */
    public static String readme(String readme, List<Lab> labs, int lastLab, int currentLab) {
        List<String> laterDirs = new ArrayList<>();
        for (Lab lab : labs) {
            if (lab.number() > lastLab) {
                laterDirs.add(lab.module() + "/");
            }
        }
        String table = labTable("README.md", readme, lastLab, currentLab);
        List<String> out = new ArrayList<>();
        for (String line : Lines.split(table)) {
            if (laterDirs.stream().noneMatch(line::startsWith)) {
                out.add(line);
            }
        }
        return String.join("", out);
    }

    /**
     * Keeps the rows of labs up to {@code lastLab} in every table between the markers, and marks the
     * row of {@code currentLab} in the first table: its first cell becomes {@code **N (current lab)**}.
     *
     * @param path the file's name, for the error message
     * @param currentLab the lab to mark, or 0
     * @throws IllegalArgumentException if the markers are missing, or out of order
     */
    public static String labTable(String path, String markdown, int lastLab, int currentLab) {
        List<String> out = new ArrayList<>();
        int state = 0; // 0 before the first table, 1 in a table, 2 after one
        int tables = 0;
        for (String line : Lines.split(markdown)) {
            String body = Lines.body(line);
            if (state != 1 && body.startsWith(TABLE_BEGIN)) {
                state = 1;
                tables++;
            } else if (state == 1 && body.equals(TABLE_END)) {
                state = 2;
            } else if (state == 1) {
                Matcher row = ROW.matcher(body);
                if (row.find()) {
                    int lab = Integer.parseInt(row.group(1));
                    if (lab > lastLab) {
                        continue;
                    }
                    if (lab == currentLab && tables == 1) {
                        line = "| **" + lab + " (current lab)** |" + line.substring(row.end());
                    }
                }
            }
            out.add(line);
        }
        if (state != 2) {
            throw new IllegalArgumentException(path + ": no lab table between '" + TABLE_BEGIN + " ...-->' and '"
                    + TABLE_END + "' lines");
        }
        return String.join("", out);
    }

    /** The heading of the answer keys, which student branches must not carry. */
    public static final String ANSWER_KEYS = "## Answer keys for the handouts";

    /**
     * {@code INSTRUCTORS.md} for a student's branch: without its answer keys (the section under
     * {@value #ANSWER_KEYS}, up to the next {@code ## } heading), so that a class can be handed the
     * handouts' questions. Everything else stays byte for byte.
     */
    public static String instructors(String markdown) {
        List<String> out = new ArrayList<>();
        boolean inKeys = false;
        for (String line : Lines.split(markdown)) {
            String body = Lines.body(line);
            if (body.startsWith("## ")) {
                inKeys = body.strip().equals(ANSWER_KEYS);
            }
            if (!inKeys) {
                out.add(line);
            }
        }
        return String.join("", out);
    }

    /**
     * @param path a path in the repository, {@code /}-separated
     * @return the lab a handout file belongs to ({@code handouts/lab3-resp-parser.md},
     *     {@code handouts/trace/lab3.sh}), or 0 if it is not one
     */
    public static int handoutLab(String path) {
        Matcher m = HANDOUT.matcher(path);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The shared files these edits apply to, by path. */
    public static final Set<String> EDITED = Set.of("pom.xml", "README.md", "handouts/README.md");
}
