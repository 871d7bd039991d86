package dev.redisfromscratch.resp.client;

import dev.redisfromscratch.client.PayloadBenchmark;
import dev.redisfromscratch.client.Repl;
import dev.redisfromscratch.protocol.InlineTokenizer;
import dev.redisfromscratch.protocol.ProtocolException;
import dev.redisfromscratch.resp.ReplyFormatter;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.SimpleError;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lab cli}: the workbook's RESP client. Type commands as you would in {@code redis-cli}
 * (quotes work: {@code SET k "a b"}); they are sent as RESP multibulks, and replies are printed the
 * way {@code redis-cli} prints them ({@code (nil)}, {@code (integer) 1}, {@code "quoted"},
 * numbered array items).
 *
 * <pre>
 *   ./lab cli                      interactive, 127.0.0.1:6379
 *   ./lab cli -p 7000 SET k v      one command, then exit
 *   ./lab cli --benchmark          SET/GET with 1 KB..100 KB values, round-trip times
 * </pre>
 */
@Command(name = "lab-cli", mixinStandardHelpOptions = true,
        description = "The workbook's RESP client, printing replies like redis-cli.")
public final class RespCliMain implements Callable<Integer> {
    @Option(names = {"-h", "--host"}, defaultValue = "127.0.0.1", description = "server host (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "6379", description = "server port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--benchmark", description = "SET then GET 1 KB..100 KB values and print round-trip times")
    boolean benchmark;

    @Option(names = {"-n", "--requests"}, defaultValue = "200", description = "benchmark requests per size (default: ${DEFAULT-VALUE})")
    int requests;

    @Parameters(description = "a command to run once instead of the interactive prompt")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (benchmark) {
            PayloadBenchmark.run("RESP SET bench:<size> <payload> + GET bench:<size>", this::benchmarkSession,
                    requests, System.out);
            return 0;
        }
        try (RespClient client = new RespClient(host, port)) {
            if (!command.isEmpty()) {
                RespValue reply = client.call(command.toArray(String[]::new));
                System.out.println(ReplyFormatter.format(reply));
                return reply instanceof SimpleError ? 1 : 0;
            }
            return Repl.run(host + ":" + port + "> ", line -> evaluate(client, line));
        } catch (ConnectException e) {
            System.err.println("Could not connect to Redis at " + host + ":" + port + ": Connection refused");
            return 1;
        }
    }

    /** Splits the typed line as redis-cli does (the same quoting rules as inline commands). */
    private static String evaluate(RespClient client, String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        List<byte[]> args;
        try {
            args = InlineTokenizer.split(bytes, 0, bytes.length);
        } catch (ProtocolException e) {
            return "Invalid argument(s)"; // what redis-cli prints for unbalanced quotes
        }
        return ReplyFormatter.format(client.call(args));
    }

    private PayloadBenchmark.Session benchmarkSession() throws IOException {
        RespClient client = new RespClient(host, port);
        return new PayloadBenchmark.Session() {
            @Override
            public void roundTrip(byte[] payload) throws IOException {
                byte[] key = ("bench:" + payload.length).getBytes(StandardCharsets.US_ASCII);
                failOnError(client.call(List.of("SET".getBytes(StandardCharsets.US_ASCII), key, payload)));
                failOnError(client.call(List.of("GET".getBytes(StandardCharsets.US_ASCII), key)));
            }

            @Override
            public void close() throws IOException {
                client.close();
            }
        };
    }

    private static void failOnError(RespValue reply) throws IOException {
        if (reply instanceof SimpleError e) {
            throw new IOException(e.message());
        }
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new RespCliMain()).execute(args));
    }
}
