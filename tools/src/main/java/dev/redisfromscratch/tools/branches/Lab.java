package dev.redisfromscratch.tools.branches;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One lab of the workbook: its number and its module directory, e.g. {@code 2} and
 * {@code lab2-datastore}.
 *
 * @param number the lab's number, from its module name
 * @param module the module's directory (and artifact id)
 */
public record Lab(int number, String module) {
    private static final Pattern MODULE = Pattern.compile("<module>\\s*(lab(\\d+)-[^<\\s]*)\\s*</module>");

    /** @return {@code labN-starter} */
    public String starterBranch() {
        return "lab" + number + "-starter";
    }

    /** @return {@code labN-solution} */
    public String solutionBranch() {
        return "lab" + number + "-solution";
    }

    /**
     * The labs a root pom lists, in its order: the lines {@code <module>labN-...</module>}, as
     * {@code ./lab} reads them.
     *
     * @param rootPom the root pom.xml's text
     */
    public static List<Lab> fromRootPom(String rootPom) {
        List<Lab> labs = new ArrayList<>();
        Matcher m = MODULE.matcher(rootPom);
        while (m.find()) {
            labs.add(new Lab(Integer.parseInt(m.group(2)), m.group(1)));
        }
        return labs;
    }
}
