package dev.redisfromscratch.server;

import dev.redisfromscratch.resp.client.RespClient;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code COMMAND INFO} / {@code COMMAND DOCS} parity tests of lab 5 and every later lab, in one
 * place: a test class extends it, naming its server's extensions and the commands (and
 * {@code container|sub} subcommands) it adds; each name is compared with a real redis-server
 * 7.0.15 by {@link CommandParity} (INFO byte for byte; DOCS on summary, since, group, complexity).
 * One pair of servers ({@link ParityServers}) serves the whole class, started before its first
 * test and closed after its last; a subclass may use {@link #servers}, {@link #ours} and
 * {@link #redis} in tests of its own.
 *
 * <p>Users: lab 5's {@code CommandMetadataParityTest}; lab 6's {@code ListCommandMetadataParityTest},
 * {@code SetCommandMetadataParityTest} and {@code BlockingParityTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CommandMetadataParity {
    private final List<ServerExtension> extensions;
    private final List<String> names;
    /** Our server (with the extensions) and the real one; null until the first test. */
    protected ParityServers servers;
    /** A connection to our server. */
    protected RespClient ours;
    /** A connection to the real redis-server. */
    protected RespClient redis;

    /**
     * @param extensions the later lab's additions ({@code List.of()} for lab 5 alone)
     * @param names      the command names to compare, lower case, subcommands as {@code container|sub}
     */
    protected CommandMetadataParity(List<ServerExtension> extensions, String... names) {
        this.extensions = extensions;
        this.names = List.of(names);
    }

    /** Starts the two servers and connects to each. */
    @BeforeAll
    public void startServers() throws IOException {
        servers = ParityServers.start(extensions);
        ours = servers.ourClient();
        redis = servers.redisClient();
    }

    /** Closes the servers and the two connections (whatever was started). */
    @AfterAll
    public void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    /** @return the names given to the constructor */
    public Stream<String> commands() {
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("commands")
    public void commandInfoIsRedis(String name) throws Exception {
        CommandParity.assertCommandInfoMatches(ours, redis, name);
    }

    @ParameterizedTest
    @MethodSource("commands")
    public void commandDocsAreRedis(String name) throws Exception {
        CommandParity.assertCommandDocsMatch(ours, redis, name);
    }
}
