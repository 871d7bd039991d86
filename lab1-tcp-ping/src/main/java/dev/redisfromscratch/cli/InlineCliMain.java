package dev.redisfromscratch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./lab cli --inline}: lab 1's client. It sends what you type as an inline command and prints
 * the reply exactly as it came over the wire, CR and LF escaped:
 *
 * <pre>
 *   127.0.0.1:6379&gt; ECHO hello
 *   $5\r\nhello\r\n
 * </pre>
 *
 * <p>With {@code --benchmark} it runs {@link PayloadBenchmark} with {@code ECHO <payload>}.
 */
@Command(name = "lab-cli-inline", mixinStandardHelpOptions = true,
        description = "Lab 1's inline client: type commands, see the raw RESP replies.")
public final class InlineCliMain implements Callable<Integer> {
    @Mixin
    private ClientOptions options;

    @Override
    public Integer call() throws IOException {
        if (options.benchmark) {
            PayloadBenchmark.run("inline ECHO <payload>", () -> {
                InlineClient client = new InlineClient(options.host, options.port);
                return new PayloadBenchmark.Session() {
                    @Override
                    public void roundTrip(byte[] payload) throws IOException {
                        byte[] reply = client.call("ECHO " + new String(payload, StandardCharsets.ISO_8859_1));
                        if (reply[0] == '-') {
                            throw new IOException(new String(reply, StandardCharsets.ISO_8859_1).strip());
                        }
                    }

                    @Override
                    public void close() throws IOException {
                        client.close();
                    }
                };
            }, options.requests, System.out);
            return 0;
        }
        try (InlineClient client = new InlineClient(options.host, options.port)) {
            return Repl.run(options.prompt(), line -> InlineClient.escape(client.call(line)));
        } catch (java.net.ConnectException e) {
            System.err.println("Could not connect to " + options.host + ":" + options.port + ": Connection refused");
            return 1;
        }
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new InlineCliMain()).execute(args));
    }
}
