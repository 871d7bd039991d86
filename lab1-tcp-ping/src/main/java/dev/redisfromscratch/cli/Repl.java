package dev.redisfromscratch.cli;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive read-eval-print loop of the workbook's clients, with {@code redis-cli}'s prompt
 * ({@code 127.0.0.1:6379> }), line editing and history (JLine; history in
 * {@code ~/.redisfromscratch_history}).
 *
 * <p>Ctrl+D or {@code exit} leaves. {@code quit} is sent to the server (which replies {@code +OK}
 * and closes), then the loop ends. If the server closes the connection, the loop prints
 * {@code Error: Server closed the connection}, as {@code redis-cli} does, and ends.
 */
public final class Repl {
    /** Turns one typed line into the text to print. */
    @FunctionalInterface
    public interface Evaluator {
        /**
         * @param line what the user typed, trimmed, never empty
         * @return what to print (without a trailing newline)
         * @throws EOFException if the server closed the connection
         * @throws IOException for other connection failures
         */
        String eval(String line) throws IOException;
    }

    private Repl() {
    }

    /**
     * Runs the loop on the process's terminal (or on piped standard input).
     *
     * @param prompt e.g. {@code "127.0.0.1:6379> "}
     * @return the process exit status: 0 after exit/quit/Ctrl+D, 1 if the connection was lost
     */
    public static int run(String prompt, Evaluator evaluator) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("redis-from-scratch")
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".redisfromscratch_history"))
                    .build();
            PrintWriter out = terminal.writer();
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt);
                } catch (UserInterruptException | EndOfFileException e) {
                    return 0;
                }
                line = line.strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.equalsIgnoreCase("exit")) {
                    return 0;
                }
                try {
                    out.println(evaluator.eval(line));
                } catch (EOFException e) {
                    out.println("Error: Server closed the connection");
                    out.flush();
                    return line.equalsIgnoreCase("quit") ? 0 : 1;
                }
                out.flush();
                if (line.equalsIgnoreCase("quit")) {
                    return 0;
                }
            }
        }
    }
}
