package dev.redisfromscratch.tools.branches;

import java.util.ArrayList;
import java.util.List;

/** Text as lines that keep their ends ({@code \n} or {@code \r\n}), so that joining gives the text back. */
final class Lines {
    private Lines() {
    }

    /** Splits after each {@code \n}; the last line may have no end. */
    static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            lines.add(text.substring(start, end));
            start = end;
        }
        return lines;
    }

    /** @return the line without its end */
    static String body(String line) {
        return line.substring(0, line.length() - end(line).length());
    }

    /** @return the line's end: {@code "\r\n"}, {@code "\n"} or {@code ""} */
    static String end(String line) {
        if (line.endsWith("\r\n")) {
            return "\r\n";
        }
        return line.endsWith("\n") ? "\n" : "";
    }
}
