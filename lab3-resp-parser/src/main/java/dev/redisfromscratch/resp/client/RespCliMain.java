package dev.redisfromscratch.resp.client;

import dev.redisfromscratch.cli.ClientOptions;
import dev.redisfromscratch.cli.PayloadBenchmark;
import dev.redisfromscratch.cli.Repl;
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
import picocli.CommandLine.Mixin;
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
    @Mixin
    private ClientOptions options;

    @Parameters(description = "a command to run once instead of the interactive prompt")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (options.benchmark) {
            PayloadBenchmark.run("RESP SET bench:<size> <payload> + GET bench:<size>", this::benchmarkSession,
                    options.requests, System.out);
            return 0;
        }
        try (RespClient client = new RespClient(options.host, options.port)) {
            if (!command.isEmpty()) {
                RespValue reply = client.call(command.toArray(String[]::new));
                System.out.println(ReplyFormatter.format(reply));
                return reply instanceof SimpleError ? 1 : 0;
            }
            return Repl.run(options.prompt(), line -> evaluate(client, line));
        } catch (ConnectException e) {
            System.err.println("Could not connect to Redis at " + options.host + ":" + options.port + ": Connection refused");
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
        RespClient client = new RespClient(options.host, options.port);
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
