package dev.redisfromscratch.command;

import dev.redisfromscratch.client.Client;

/**
 * A reason to refuse a command before it runs, beyond lookup and arity: lab 4's {@code -MISCONF}
 * (writes refused after a failed background save); later, {@code -NOAUTH} and {@code -OOM}.
 * {@link CommandPipeline#addAdmissionCheck} registers one.
 *
 * <p>Redis: {@code server.c}, {@code processCommand}, the checks after
 * {@code commandCheckArity} ({@code writeCommandsDeniedByDiskError}, {@code authRequired}, ...).
 */
@FunctionalInterface
public interface AdmissionCheck {
    /**
     * @param client who sent the command
     * @param spec the command, looked up and arity-checked
     * @return the error reply's text without the leading {@code -} (e.g. {@code MISCONF ...}), or
     *     {@code null} to let the command run
     */
    String refuse(Client client, CommandSpec spec);
}
