package dev.redisfromscratch.cli;

import picocli.CommandLine.Option;

/**
 * The command-line options every workbook client takes ({@code ./lab cli [--inline] -p P
 * --benchmark -n N}). A picocli mixin, like the servers' {@code ServerOptions}; defaults match
 * {@code redis-cli}: 127.0.0.1, port 6379.
 */
public final class ClientOptions {
    /** Server host name or address. */
    @Option(names = {"-h", "--host"}, defaultValue = "127.0.0.1", description = "server host (default: ${DEFAULT-VALUE})")
    public String host;

    /** Server TCP port. */
    @Option(names = {"-p", "--port"}, defaultValue = "6379", description = "server port (default: ${DEFAULT-VALUE})")
    public int port;

    /** Run {@link PayloadBenchmark} instead of the prompt. */
    @Option(names = "--benchmark", description = "send 1 KB..100 KB payloads and print round-trip times")
    public boolean benchmark;

    /** Timed requests per payload size in benchmark mode. */
    @Option(names = {"-n", "--requests"}, defaultValue = "200", description = "benchmark requests per size (default: ${DEFAULT-VALUE})")
    public int requests;

    /** @return the prompt {@code redis-cli} shows: {@code host:port> } */
    public String prompt() {
        return host + ":" + port + "> ";
    }
}
