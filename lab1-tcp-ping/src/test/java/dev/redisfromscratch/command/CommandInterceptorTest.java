package dev.redisfromscratch.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.client.ClientFlag;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The seams a transaction needs in the pipeline: an interceptor that may take a command instead
 * of running it (after the admission checks) and hears of every refusal, a command that runs others
 * through {@code call()} without their being intercepted or checked again, and a command that does
 * not propagate itself so that what it ran goes out as one {@code MULTI} … {@code EXEC} block.
 */
@Stage(lab = 1, value = 1)
class CommandInterceptorTest {
    private final AtomicLong dirty = new AtomicLong();
    private final List<String> propagated = new ArrayList<>();
    private final List<String> heard = new ArrayList<>();
    private final List<List<byte[]>> held = new ArrayList<>();

    private final CommandSpec incr = CommandSpec.builder("incr", 2)
            .flags(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.FAST)
            .docs("Increment", "1.0.0", "string", "O(1)")
            .handler(call -> {
                dirty.incrementAndGet();
                call.reply().integer(1);
            })
            .build();
    private final CommandSpec select = CommandSpec.builder("select", 2)
            .docs("Select", "1.0.0", "connection", "O(1)")
            .handler(call -> {
                call.client().db(Integer.parseInt(call.argString(1)));
                call.reply().simpleString("OK");
            })
            .build();
    private final CommandSpec hold = CommandSpec.builder("hold", 1)
            .docs("Start holding", "1.0.0", "transactions", "O(1)")
            .handler(call -> {
                call.client().set(ClientFlag.MULTI);
                call.reply().simpleString("OK");
            })
            .build();
    private CommandPipeline pipeline;
    private final CommandSpec release = CommandSpec.builder("release", 1)
            .docs("Run what was held", "1.0.0", "transactions", "O(N)")
            .handler(call -> {
                call.preventPropagation();
                call.client().clear(ClientFlag.MULTI);
                call.reply().arrayHeader(held.size());
                for (List<byte[]> argv : held) {
                    pipeline.call(call.client(), pipeline.table().lookup(argv), argv);
                }
                held.clear();
            })
            .build();
    private final CommandTable table = new CommandTable()
            .register(PingCommand.SPEC).register(incr).register(select).register(hold).register(release);
    private final Client client = new Client("127.0.0.1:50000", new InlineFramer());

    {
        pipeline = new CommandPipeline(table, dirty::get);
        pipeline.addPropagationListener((db, argv) -> propagated.add(db + " " + text(argv)));
        pipeline.addAdmissionCheck((c, spec) -> spec.name().equals("ping") && c.has(ClientFlag.MULTI)
                ? "ERR no ping while holding" : null);
        pipeline.addInterceptor(new CommandInterceptor() {
            @Override
            public boolean intercept(Client c, CommandSpec spec, List<byte[]> argv) {
                heard.add("intercept " + spec.name());
                if (!c.has(ClientFlag.MULTI) || spec == release) {
                    return false;
                }
                held.add(argv);
                c.reply().simpleString("QUEUED");
                return true;
            }

            @Override
            public String rejected(Client c, CommandSpec spec, String error) {
                heard.add("rejected " + (spec == null ? "?" : spec.name()));
                return spec == release ? "ABORTED because of: " + error : error;
            }
        });
    }

    @Test
    void anInterceptedCommandIsNotRunNorCountedAndItsReplyIsTheInterceptors() {
        run("hold");
        run("incr", "a");
        assertThat(replies()).isEqualTo("+OK\r\n+QUEUED\r\n");
        assertThat(dirty.get()).isZero();
        assertThat(table.stats(incr).calls()).isZero();
        assertThat(propagated).isEmpty();
    }

    @Test
    void everyRefusalIsHeardAndARefusedCommandNeverReachesTheInterceptor() {
        run("hold");
        run("nosuch", "x");
        run("incr");
        run("PING");
        assertThat(replies()).isEqualTo("+OK\r\n"
                + "-ERR unknown command 'nosuch', with args beginning with: 'x' \r\n"
                + "-ERR wrong number of arguments for 'incr' command\r\n"
                + "-ERR no ping while holding\r\n");
        assertThat(heard).containsExactly("intercept hold", "rejected ?", "rejected incr", "rejected ping");
        assertThat(table.stats(incr).rejectedCalls()).isEqualTo(1);
        assertThat(table.stats(PingCommand.SPEC).rejectedCalls()).isEqualTo(1);
    }

    @Test
    void anInterceptorMayAnswerARefusalWithAnotherError() {
        run("release", "now");
        assertThat(replies()).isEqualTo("-ABORTED because of: ERR wrong number of arguments for 'release' command\r\n");
    }

    @Test
    void commandsRunByAnotherCommandAreNeitherCheckedNorInterceptedAndGoOutAsOneTransaction() {
        run("hold");
        run("incr", "a");
        run("select", "3");
        run("incr", "b");
        heard.clear();
        run("release");
        assertThat(replies()).isEqualTo("+OK\r\n+QUEUED\r\n+QUEUED\r\n+QUEUED\r\n*3\r\n:1\r\n+OK\r\n:1\r\n");
        assertThat(heard).containsExactly("intercept release");
        assertThat(table.stats(incr).calls()).isEqualTo(2);
        // release changed the data but does not propagate itself; EXEC goes out in the last entry's database
        assertThat(propagated).containsExactly("0 MULTI", "0 incr a", "3 incr b", "3 EXEC");
    }

    @Test
    void aSingleEffectGoesOutAlone() {
        run("hold");
        run("incr", "a");
        run("PING"); // refused while holding: not held
        run("release");
        assertThat(propagated).containsExactly("0 incr a");
    }

    private void run(String... argv) {
        pipeline.processCommand(client, args(argv));
    }

    private String replies() {
        return new String(client.reply().toByteArray(), StandardCharsets.ISO_8859_1);
    }

    private static List<byte[]> args(String... argv) {
        return Arrays.stream(argv).map(a -> a.getBytes(StandardCharsets.US_ASCII)).toList();
    }

    private static String text(List<byte[]> argv) {
        return String.join(" ", argv.stream().map(a -> new String(a, StandardCharsets.ISO_8859_1)).toList());
    }
}
