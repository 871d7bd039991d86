package dev.redisfromscratch.tools.branches;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The markers in a lab's reference code, and the two ways of removing them: the starter (what a
 * student gets) and the solution (the reference, without markers).
 *
 * <pre>
 *   // BEGIN SOLUTION          starter: this line, the lines up to END SOLUTION and END itself go
 *   ...reference code...       solution: only the two marker lines go
 *   // END SOLUTION
 *   // STUB: return null;      starter: the line becomes "return null;", same indentation
 *                              solution: the line goes
 *   // SOLUTION FILE           starter: the whole file goes; solution: only this line goes
 * </pre>
 *
 * A marker is a whole line (leading white space allowed). A line that looks like a marker but is
 * not exactly one ({@code //BEGIN SOLUTION}, {@code // STUB:} with nothing after it, a STUB inside
 * a solution region, an END without a BEGIN...) is an error, so that a typo never leaks solution
 * code into a starter. When a removed region leaves two blank lines in a row, one is dropped.
 */
public final class Markers {
    /** Opens a region the starter leaves out. */
    public static final String BEGIN = "// BEGIN SOLUTION";
    /** Closes it. */
    public static final String END = "// END SOLUTION";
    /** Prefix of a line that only the starter has (uncommented). */
    public static final String STUB = "// STUB:";
    /** A file that only the solution has. */
    public static final String SOLUTION_FILE = "// SOLUTION FILE";

    private Markers() {
    }

    /** Which side of the markers to keep. */
    public enum Side {
        /** The student's version: solution regions and files removed, stubs uncommented. */
        STARTER,
        /** The reference: every marker line removed, nothing else. */
        SOLUTION
    }

    /** A marker that is malformed or misplaced; the message names the file and line. */
    public static final class MarkerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MarkerException(String path, int line, String problem) {
            super(path + ":" + line + ": " + problem);
        }
    }

    /**
     * Transforms one file.
     *
     * @param path the file's path, for error messages only
     * @param text the file's content; line ends ({@code \n} or {@code \r\n}) are kept as they are
     * @param side which version to produce
     * @return the transformed text, or empty if the file does not exist on that side
     * @throws MarkerException for a malformed or misplaced marker
     */
    public static Optional<String> apply(String path, String text, Side side) {
        return apply(path, text, side, stage -> false);
    }

    /**
     * Like {@link #apply(String, String, Side)}, but a starter keeps the solution of the stages
     * {@code solved} accepts: what a student's branch looks like once those stages are written.
     * A stub's stage is read from its message ({@code "TODO(labN): stage K: ..."}); a solution
     * region belongs to the stage of the stub after it, or, without one, to the file's first stub's
     * stage. Stubs without a stage are never solved.
     *
     * @param solved the stages whose solution stays in a starter
     */
    public static Optional<String> apply(String path, String text, Side side, IntPredicate solved) {
        List<String> lines = Lines.split(text);
        int[] regionStage = regionStages(lines);
        boolean keep = side == Side.SOLUTION; // whether the current region's lines stay
        List<String> out = new ArrayList<>(lines.size());
        boolean solutionFile = false;
        int regionStart = 0; // line number of the open BEGIN, or 0
        boolean blankBeforeRegion = false;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            String body = Lines.body(line);
            String trimmed = body.strip();
            Kind kind = classify(path, lineNo, trimmed);
            switch (kind) {
                case BEGIN -> {
                    if (regionStart != 0) {
                        throw new MarkerException(path, lineNo, BEGIN + " inside the region opened at line " + regionStart);
                    }
                    regionStart = lineNo;
                    keep = side == Side.SOLUTION || solved.test(regionStage[i]);
                    blankBeforeRegion = !out.isEmpty() && Lines.body(out.get(out.size() - 1)).isBlank();
                }
                case END -> {
                    if (regionStart == 0) {
                        throw new MarkerException(path, lineNo, END + " without a " + BEGIN);
                    }
                    regionStart = 0;
                    if (!keep && blankBeforeRegion && i + 1 < lines.size()
                            && Lines.body(lines.get(i + 1)).isBlank()) {
                        i++; // the region sat between two blank lines: keep only one
                    }
                }
                case STUB -> {
                    if (regionStart != 0) {
                        throw new MarkerException(path, lineNo, STUB + " inside the " + BEGIN + " region of line "
                                + regionStart + " (put it after " + END + ")");
                    }
                    if (side == Side.STARTER && !solved.test(stageOf(trimmed))) {
                        int indent = body.indexOf(STUB);
                        String code = body.substring(indent + STUB.length()).strip();
                        out.add(body.substring(0, indent) + code + Lines.end(line));
                    }
                }
                case SOLUTION_FILE -> {
                    if (regionStart != 0) {
                        throw new MarkerException(path, lineNo, SOLUTION_FILE + " inside a " + BEGIN + " region");
                    }
                    solutionFile = true;
                }
                case CODE -> {
                    if (regionStart == 0 || keep) {
                        out.add(line);
                    }
                }
            }
        }
        if (regionStart != 0) {
            throw new MarkerException(path, regionStart, BEGIN + " never closed by " + END);
        }
        if (solutionFile && side == Side.STARTER) {
            return Optional.empty();
        }
        return Optional.of(String.join("", out));
    }

    private enum Kind { BEGIN, END, STUB, SOLUTION_FILE, CODE }

    private static final Pattern STAGE = Pattern.compile("\"TODO\\(lab\\d+\\): stage (\\d+): ");

    /** @return the stage a stub's message names, or 0 */
    static int stageOf(String stubLine) {
        Matcher m = STAGE.matcher(stubLine);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** For each line index of a BEGIN: the stage of the stub after its region (or the file's first stub's). */
    private static int[] regionStages(List<String> lines) {
        int[] stages = new int[lines.size()];
        int first = 0;
        for (String line : lines) {
            String t = Lines.body(line).strip();
            if (t.startsWith(STUB + " ") && (first = stageOf(t)) != 0) {
                break;
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            if (!Lines.body(lines.get(i)).strip().equals(BEGIN)) {
                continue;
            }
            int j = i + 1;
            while (j < lines.size() && !Lines.body(lines.get(j)).strip().equals(END)) {
                j++;
            }
            String next = j + 1 < lines.size() ? Lines.body(lines.get(j + 1)).strip() : "";
            stages[i] = next.startsWith(STUB + " ") && stageOf(next) != 0 ? stageOf(next) : first;
        }
        return stages;
    }

    private static Kind classify(String path, int lineNo, String trimmed) {
        if (trimmed.equals(BEGIN)) {
            return Kind.BEGIN;
        }
        if (trimmed.equals(END)) {
            return Kind.END;
        }
        if (trimmed.equals(SOLUTION_FILE)) {
            return Kind.SOLUTION_FILE;
        }
        if (trimmed.startsWith(STUB + " ") && !trimmed.substring(STUB.length()).isBlank()) {
            return Kind.STUB;
        }
        if (looksLikeMarker(trimmed)) {
            throw new MarkerException(path, lineNo, "not a marker, but looks like one: '" + trimmed + "' (markers are '"
                    + BEGIN + "', '" + END + "', '" + STUB + " <java line>' and '" + SOLUTION_FILE + "', each alone on its line)");
        }
        return Kind.CODE;
    }

    private static boolean looksLikeMarker(String trimmed) {
        if (!trimmed.startsWith("//")) {
            return false;
        }
        String words = trimmed.substring(2).strip();
        return words.startsWith("BEGIN SOLUTION") || words.startsWith("END SOLUTION")
                || words.startsWith("STUB") || words.startsWith("SOLUTION FILE");
    }
}
