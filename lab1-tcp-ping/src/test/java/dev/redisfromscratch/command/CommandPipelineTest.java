package dev.redisfromscratch.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redisfromscratch.client.Client;
import dev.redisfromscratch.protocol.InlineFramer;
import dev.redisfromscratch.protocol.RedisError;
import dev.redisfromscratch.testkit.grading.Stage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The one execution path, Redis's {@code processCommand} and {@code call()}: lookup, arity, the
 * handler, errors, statistics, and propagation of what changed the data.
 */
@Stage(lab = 1, value = 1)
class CommandPipelineTest {
    /** A stand-in keyspace's change counter. */
    private final AtomicLong dirty = new AtomicLong();
    private final List<String> propagated = new ArrayList<>();

    private final CommandSpec incr = CommandSpec.builder("incr", 2)
            .flags(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.FAST)
            .docs("Increment", "1.0.0", "string", "O(1)")
            .handler(call -> {
                dirty.incrementAndGet();
                call.reply().integer(1);
            })
            .build();
    private final CommandSpec touch = CommandSpec.builder("touchlater", 2)
            .flags(CommandFlag.WRITE)
            .docs("Rewrites itself", "1.0.0", "generic", "O(1)")
            .handler(call -> {
                this.pipeline.alsoPropagate(0, args("DEL", "expired-during-the-command"));
                dirty.incrementAndGet();
                call.propagateAs(args("PEXPIREAT", new String(call.arg(1), StandardCharsets.US_ASCII), "1767225610000"));
                call.reply().integer(1);
            })
            .build();
    private final CommandSpec failing = CommandSpec.builder("failing", 1)
            .docs("Fails half-way", "1.0.0", "generic", "O(1)")
            .handler(call -> {
                call.reply().arrayHeader(2).bulk("half a reply");
                throw new RedisError("WRONGTYPE Operation against a key holding the wrong kind of value");
            })
            .build();
    private final CommandSpec buggy = CommandSpec.builder("buggy", 1)
            .docs("A bug", "1.0.0", "generic", "O(1)")
            .handler(call -> {
                throw new IllegalStateException("a bug");
            })
            .build();
    private final CommandSpec container = CommandSpec.builder("box", -2)
            .docs("A container", "1.0.0", "server", "Depends on subcommand.")
            .subcommand(CommandSpec.builder("box|get", -3)
                    .docs("Get", "1.0.0", "server", "O(1)")
                    .handler(call -> call.reply().simpleString("got"))
                    .build())
            .build();

    private final CommandTable table = new CommandTable()
            .register(PingCommand.SPEC).register(EchoCommand.SPEC).register(QuitCommand.SPEC)
            .register(incr).register(touch).register(failing).register(buggy).register(container);
    private final CommandPipeline pipeline = new CommandPipeline(table, dirty::get);
    private final Client client = new Client("127.0.0.1:50000", new InlineFramer());

    {
        pipeline.addPropagationListener((db, argv) -> propagated.add(db + " " + text(argv)));
    }

    @Test
    void anUnknownCommandAndAWrongArityAreRefusedBeforeTheHandler() {
        run("nosuch", "a");
        run("incr");
        run("box");
        run("box", "nope");
        run("box", "get");
        assertThat(replies()).isEqualTo("-ERR unknown command 'nosuch', with args beginning with: 'a' \r\n"
                + "-ERR wrong number of arguments for 'incr' command\r\n"
                + "-ERR wrong number of arguments for 'box' command\r\n"
                + "-ERR unknown subcommand 'nope'. Try BOX HELP.\r\n"
                + "-ERR wrong number of arguments for 'box|get' command\r\n");
        assertThat(table.stats(incr).rejectedCalls()).isEqualTo(1);
        assertThat(table.stats(incr).calls()).isZero();
        assertThat(dirty.get()).isZero();
    }

    @Test
    void pingAndEchoAnswerAsRedisDoes() {
        run("PING");
        run("ping", "hello world");
        run("ECHO", "");
        run("echo", "a\r\nb");
        run("PING", "a", "b");
        assertThat(replies()).isEqualTo("+PONG\r\n$11\r\nhello world\r\n$0\r\n\r\n$4\r\na\r\nb\r\n"
                + "-ERR wrong number of arguments for 'ping' command\r\n");
    }

    @Test
    void aSubcommandIsFoundByTheContainersFirstArgumentInAnyCase() {
        run("BOX", "GET", "x");
        assertThat(replies()).isEqualTo("+got\r\n");
        assertThat(table.stats(container.subcommand("get")).calls()).isEqualTo(1);
    }

    @Test
    void aRedisErrorReplacesWhateverTheHandlerHadWrittenAndCountsAsAFailedCall() {
        run("PING");
        run("failing");
        run("PING");
        assertThat(replies()).isEqualTo("+PONG\r\n-WRONGTYPE Operation against a key holding the wrong kind of value\r\n+PONG\r\n");
        assertThat(table.stats(failing).calls()).isEqualTo(1);
        assertThat(table.stats(failing).failedCalls()).isEqualTo(1);
        assertThat(table.stats(PingCommand.SPEC).calls()).isEqualTo(2);
        assertThat(table.stats(PingCommand.SPEC).failedCalls()).isZero();

        run("PING", "a", "b"); // PING writes its own arity error: a failed call too, as Redis counts it
        assertThat(table.stats(PingCommand.SPEC).failedCalls()).isEqualTo(1);
    }

    @Test
    void anyOtherExceptionIsABugAndLeavesThePipeline() {
        assertThatThrownBy(() -> run("buggy")).isInstanceOf(IllegalStateException.class).hasMessage("a bug");
    }

    @Test
    void onlyACommandThatChangedTheDataIsPropagatedAsItWasSent() {
        run("PING");
        run("incr", "counter");
        run("INCR", "counter");
        assertThat(propagated).containsExactly("0 incr counter", "0 INCR counter");
    }

    @Test
    void aRewrittenCommandPropagatesInItsNewFormAfterTheEffectsItCausedOnTheWayAllInOneTransaction() {
        run("touchlater", "k");
        assertThat(propagated).containsExactly("0 MULTI", "0 DEL expired-during-the-command",
                "0 PEXPIREAT k 1767225610000", "0 EXEC");
    }

    @Test
    void anEffectOutsideAnyCommandIsPropagatedAtOnce() {
        pipeline.alsoPropagate(0, args("DEL", "reclaimed-by-the-cron"));
        assertThat(propagated).containsExactly("0 DEL reclaimed-by-the-cron");
    }

    @Test
    void theAfterCommandWorkRunsOnceTheOutermostCommandIsPropagatedAndCanPropagateItself() {
        CommandSpec batch = CommandSpec.builder("batch", 1)
                .docs("Runs two commands", "1.0.0", "generic", "O(1)")
                .handler(call -> {
                    call.preventPropagation();
                    pipeline.call(client, incr, args("incr", "a"));
                    pipeline.call(client, incr, args("incr", "b"));
                })
                .build();
        table.register(batch);
        pipeline.addAfterCommand(() -> {
            propagated.add("after");
            if (propagated.size() < 5) {
                pipeline.alsoPropagate(1, args("LPOP", "served"));
            }
        });

        run("incr", "x");
        run("batch");

        assertThat(propagated).containsExactly("0 incr x", "after", "1 LPOP served",
                "0 MULTI", "0 incr a", "0 incr b", "0 EXEC", "after");
    }

    @Test
    void theAfterReplyCheckSeesEachReplyOnceWhetherTheCommandRanOrWasRefused() {
        CommandSpec batch = CommandSpec.builder("batch", 1)
                .docs("Runs two commands", "1.0.0", "generic", "O(1)")
                .handler(call -> {
                    pipeline.call(client, incr, args("incr", "a"));
                    pipeline.call(client, incr, args("incr", "b"));
                })
                .build();
        table.register(batch);
        List<Integer> replyBytesSeen = new ArrayList<>();
        pipeline.addAfterReply(c -> replyBytesSeen.add(c.reply().size()));

        run("incr", "x");   // :1\r\n
        run("nosuch");      // refused before it runs
        run("batch");       // one check for the outer command, none for the two it runs

        assertThat(replyBytesSeen).hasSize(3);
        assertThat(replyBytesSeen.get(0)).isEqualTo(4);
        assertThat(replyBytesSeen.get(1)).isGreaterThan(4);
        assertThat(replyBytesSeen.get(2)).isEqualTo(replies().length());
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        List<String> second = new ArrayList<>();
        PropagationListener listener = (db, argv) -> second.add(text(argv));
        pipeline.addPropagationListener(listener);
        run("incr", "a");
        pipeline.removePropagationListener(listener);
        run("incr", "b");
        assertThat(second).containsExactly("incr a");
        assertThat(propagated).hasSize(2);
    }

    @Test
    void quitClosesAfterItsReply() {
        run("QUIT");
        assertThat(replies()).isEqualTo("+OK\r\n");
        assertThat(client.has(dev.redisfromscratch.client.ClientFlag.CLOSE_AFTER_REPLY)).isTrue();
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
