package dev.redisfromscratch.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
    @Option(names = {"-h", "--host"}, defaultValue = "127.0.0.1", description = "server host (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "6379", description = "server port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--benchmark", description = "send 1 KB..100 KB payloads and print round-trip times")
    boolean benchmark;

    @Option(names = {"-n", "--requests"}, defaultValue = "200", description = "benchmark requests per size (default: ${DEFAULT-VALUE})")
    int requests;

    @Override
    public Integer call() throws IOException {
        if (benchmark) {
            PayloadBenchmark.run("inline ECHO <payload>", () -> {
                InlineClient client = new InlineClient(host, port);
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
            }, requests, System.out);
            return 0;
        }
        try (InlineClient client = new InlineClient(host, port)) {
            return Repl.run(host + ":" + port + "> ", line -> InlineClient.escape(client.call(line)));
        } catch (java.net.ConnectException e) {
            System.err.println("Could not connect to " + host + ":" + port + ": Connection refused");
            return 1;
        }
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new InlineCliMain()).execute(args));
    }
}
