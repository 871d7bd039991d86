package dev.redisfromscratch.server;

import java.io.IOException;
import dev.redisfromscratch.config.ServerConfig;
import dev.redisfromscratch.tcp.Server;
import java.io.PrintStream;
import java.net.BindException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs a lab's server in the foreground, the way {@code ./lab run N} does: bind, print where it
 * listens, log one line per connection, and stop cleanly on Ctrl+C.
 *
 * <p>A taken port is reported in one line that names the port and how to find who holds it, with
 * exit status 1 and no stack trace.
 */
public final class ServerLauncher {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private ServerLauncher() {
    }

    /**
     * A log line printer for {@code out}: {@code [lab 1 12:00:01.123] accepted 127.0.0.1:50412}.
     *
     * @param lab the label each line starts with, e.g. {@code "lab 1"}
     */
    public static Consumer<String> logTo(PrintStream out, String lab) {
        return line -> out.println("[" + lab + " " + LocalTime.now().format(TIME) + "] " + line);
    }

    /**
     * Starts {@code server} on its configured address and serves until the JVM is interrupted
     * (Ctrl+C) or a bug stops the server.
     *
     * @param lab a label for the messages, e.g. {@code "lab 1 (PING server)"}
     * @param config the server's configuration, for the messages
     * @return the process exit status: 0 after a clean stop, 1 if the port is taken or bind fails
     */
    public static int runForeground(String lab, Server server, ServerConfig config, PrintStream out, PrintStream err) {
        String bind = config.bind();
        int requested = config.port();
        int port;
        try {
            port = server.start();
        } catch (BindException e) {
            err.println(portTakenMessage(bind, requested));
            return 1;
        } catch (IOException e) {
            err.println("Cannot listen on " + bind + ":" + requested + ": " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println(lab + ": shutting down");
            server.close();
        }, "shutdown"));
        out.println(lab + " listening on " + bind + ":" + port + " (Ctrl+C stops)");
        try {
            server.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * What a lab's {@code main} does: build its server from the command-line options and run it in
     * the foreground on {@code System.out}, with log lines labelled {@code logLabel}.
     *
     * @param lab a label for the messages, e.g. {@code "lab 2 (key-value store)"}
     * @param logLabel the label of each log line, e.g. {@code "lab 2"}
     * @param create builds the server from its configuration and log
     * @return the process exit status, as {@link #runForeground}
     */
    public static int run(String lab, String logLabel, ServerOptions options,
                          BiFunction<ServerConfig, Consumer<String>, Server> create) {
        ServerConfig config = options.toConfig();
        return runForeground(lab, create.apply(config, logTo(System.out, logLabel)), config, System.out, System.err);
    }

    /** The one-line message for a port that is already taken. */
    public static String portTakenMessage(String host, int port) {
        return "Port " + port + " on " + host + " is already in use. See who holds it with: "
                + "ss -ltnp 'sport = :" + port + "' (or lsof -i :" + port + "), "
                + "or pick another port with --port.";
    }
}
