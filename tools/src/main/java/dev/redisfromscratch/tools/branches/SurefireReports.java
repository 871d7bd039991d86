package dev.redisfromscratch.tools.branches;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads a module's test results from surefire's XML reports ({@code target/surefire-reports/TEST-*.xml}):
 * one {@code <testcase>} per test, with a {@code <failure>} (an assertion failed), an
 * {@code <error>} (an exception escaped) or a {@code <skipped>} child, or none when it passed.
 */
final class SurefireReports {
    private SurefireReports() {
    }

    /** How a test ended. */
    enum Outcome { PASSED, FAILED, ERROR, SKIPPED }

    /**
     * One test's result.
     *
     * @param className the test class
     * @param name the test's name (method and parameters)
     * @param seconds how long it ran
     * @param outcome how it ended
     * @param message the failure's message attribute ("" if none)
     * @param detail the failure's text: exception and stack trace ("" if none)
     */
    record TestCase(String className, String name, double seconds, Outcome outcome, String message, String detail) {
        /** @return whether it failed or erred */
        boolean broke() {
            return outcome == Outcome.FAILED || outcome == Outcome.ERROR;
        }

        /** @return whether the failure's message or stack trace contains {@code text} */
        boolean mentions(String text) {
            return message.contains(text) || detail.contains(text);
        }

        /** @return {@code Class.method} */
        String id() {
            return className.substring(className.lastIndexOf('.') + 1) + "." + name;
        }
    }

    /**
     * @param module a module directory after {@code mvn verify}
     * @return its tests' results; empty if it has no reports (no tests ran)
     * @throws IOException if a report cannot be read or parsed
     */
    static List<TestCase> read(Path module) throws IOException {
        return readDirectory(module.resolve("target/surefire-reports"));
    }

    /**
     * Like {@link #read}, with the reports of the module's other Surefire executions too: every
     * {@code target/surefire-reports-*} directory (an execution with its own {@code reportsDirectory},
     * such as a later lab running earlier labs' tests from their test jars).
     *
     * @param module a module directory after {@code mvn verify}
     * @return the results of every execution's tests, the default execution's first
     * @throws IOException if a report cannot be read or parsed
     */
    static List<TestCase> readEveryExecution(Path module) throws IOException {
        List<TestCase> cases = new ArrayList<>(read(module));
        Path target = module.resolve("target");
        if (Files.isDirectory(target)) {
            List<Path> others;
            try (Stream<Path> list = Files.list(target)) {
                others = list.filter(p -> p.getFileName().toString().startsWith("surefire-reports-")).sorted().toList();
            }
            for (Path dir : others) {
                cases.addAll(readDirectory(dir));
            }
        }
        return cases;
    }

    private static List<TestCase> readDirectory(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(reports)) {
            files = list.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
        List<TestCase> cases = new ArrayList<>();
        DocumentBuilder parser = parser();
        for (Path file : files) {
            try {
                NodeList testcases = parser.parse(file.toFile()).getElementsByTagName("testcase");
                for (int i = 0; i < testcases.getLength(); i++) {
                    cases.add(testCase((Element) testcases.item(i)));
                }
            } catch (SAXException e) {
                throw new IOException("cannot parse " + file + ": " + e.getMessage(), e);
            }
        }
        return cases;
    }

    private static TestCase testCase(Element e) {
        Outcome outcome = Outcome.PASSED;
        String message = "";
        String detail = "";
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child)) {
                continue;
            }
            Outcome o = switch (child.getTagName()) {
                case "failure" -> Outcome.FAILED;
                case "error" -> Outcome.ERROR;
                case "skipped" -> Outcome.SKIPPED;
                default -> null;
            };
            if (o != null) {
                outcome = o;
                message = child.getAttribute("message");
                detail = child.getTextContent();
                break;
            }
        }
        String time = e.getAttribute("time").replace(",", "");
        double seconds = time.isEmpty() ? 0 : Double.parseDouble(time);
        return new TestCase(e.getAttribute("classname"), e.getAttribute("name"), seconds, outcome, message, detail);
    }

    private static DocumentBuilder parser() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException(e);
        }
    }
}
