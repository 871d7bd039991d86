package dev.redisfromscratch.limits;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finding the server's log lines in a test: poll with a deadline, read a field of a client's line. */
final class LimitsLog {
    private LimitsLog() {
    }

    /** @return the first line containing {@code text}, waiting up to {@code timeout} for it to appear */
    static Optional<String> await(List<String> log, String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (String line : log) {
                if (line.contains(text)) {
                    return Optional.of(line);
                }
            }
            LockSupport.parkNanos(2_000_000); // polling a condition with a deadline
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    /** @return whether a line containing {@code text} is there now */
    static boolean contains(List<String> log, String text) {
        return log.stream().anyMatch(l -> l.contains(text));
    }

    /** @return the numeric field {@code name=} of a {@code CLIENT LIST} line (as the log lines carry it) */
    static long field(String clientLine, String name) {
        Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(name) + "=(\\d+)").matcher(clientLine);
        if (!m.find()) {
            throw new AssertionError("no " + name + "= in: " + clientLine);
        }
        return Long.parseLong(m.group(1));
    }
}
