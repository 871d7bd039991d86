package dev.redisfromscratch.command;

import dev.redisfromscratch.client.Client;
import java.util.List;

/**
 * A later lab's say in what happens to a command a client sent, once it has been looked up and
 * has passed the arity and admission checks, just before it would run: lab 5 queues it inside
 * {@code MULTI} (and answers {@code +QUEUED}) instead of running it. Registered with
 * {@link CommandPipeline#addInterceptor}.
 *
 * <p>An interceptor also hears of every command the pipeline refused before it ran (an unknown
 * command, a wrong argument count, an admission check's refusal), and may change the error:
 * inside {@code MULTI} such a refusal dooms the transaction, so that {@code EXEC} answers
 * {@code -EXECABORT}, and a refused {@code EXEC} answers it at once.
 *
 * <p>Like the admission checks, interceptors see only the commands a client sent, never those
 * {@code EXEC} runs inside it.
 *
 * <p>Redis: {@code server.c}, {@code processCommand} (the end: {@code queueMultiCommand} instead of
 * {@code call} when {@code CLIENT_MULTI} is set) and {@code rejectCommand} ({@code flagTransaction}).
 */
public interface CommandInterceptor {
    /**
     * @param client who sent the command
     * @param spec the command, looked up, arity-checked and admitted
     * @param argv the request, name first
     * @return {@code true} if this interceptor took the command and wrote its reply itself (it must
     *     then write exactly one), {@code false} to let it run as usual
     */
    boolean intercept(Client client, CommandSpec spec, List<byte[]> argv);

    /**
     * Told that a command from {@code client} was refused before it ran, before its error is
     * answered; it may answer another error instead. By default nothing changes.
     *
     * <p>Redis: {@code server.c}, {@code rejectCommand}: {@code flagTransaction}, and an
     * {@code EXEC} refused inside {@code MULTI} aborts the transaction with
     * {@code -EXECABORT Transaction discarded because of: <error>} ({@code execCommandAbort}).
     *
     * @param client who sent it
     * @param spec the command, or {@code null} if it is unknown
     * @param error the error about to be answered, without the leading {@code -}
     * @return the error to answer: {@code error}, or another text
     */
    default String rejected(Client client, CommandSpec spec, String error) {
        return error;
    }
}
