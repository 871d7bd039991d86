package dev.redisfromscratch.introspection;

import dev.redisfromscratch.command.CommandCall;
import dev.redisfromscratch.command.CommandFlag;
import dev.redisfromscratch.command.CommandHandler;
import dev.redisfromscratch.command.CommandSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code TIME}: the server's clock as two bulk strings, Unix seconds and the microseconds within
 * that second: {@code *2\r\n$10\r\n1796143616\r\n$6\r\n911362\r\n}. The microseconds are not
 * padded ({@code $2\r\n42\r\n} is possible), as in Redis.
 *
 * <p>Redis: {@code server.c}, {@code timeCommand}; arity 1, flags loading stale fast, tip
 * {@code nondeterministic_output}.
 */
public final class TimeCommand implements CommandHandler {
    private final Clock clock;

    private TimeCommand(Clock clock) {
        this.clock = clock;
    }

    /** @return the table row: {@code time}, arity 1 */
    public static CommandSpec spec(Clock clock) {
        return CommandSpec.builder("time", 1)
                .flags(CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.FAST)
                .tips("nondeterministic_output")
                .docs("Return the current server time", "2.6.0", "server", "O(1)")
                .handler(new TimeCommand(clock))
                .build();
    }

    @Override
    public void execute(CommandCall call) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        call.reply().arrayHeader(2)                              // *2\r\n
                .bulk(Long.toString(micros / 1_000_000))         // $<len>\r\n<seconds>\r\n
                .bulk(Long.toString(micros % 1_000_000));        // $<len>\r\n<microseconds>\r\n
    }
}
