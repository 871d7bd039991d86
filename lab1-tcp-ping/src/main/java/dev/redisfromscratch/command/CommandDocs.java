package dev.redisfromscratch.command;

/**
 * A command's documentation, as {@code COMMAND DOCS} reports it and {@code redis-cli} shows it for
 * {@code help <command>}: the texts are Redis 7.0's own.
 *
 * @param summary what the command does, in one line
 * @param since the Redis version that introduced it
 * @param group its group: {@code string}, {@code generic} (keyspace), {@code connection}, {@code server}, ...
 * @param complexity its time complexity
 *
 * <p>Redis: {@code src/commands/*.json} ({@code summary}, {@code since}, {@code group},
 * {@code complexity}); {@code server.c}, {@code addReplyCommandDocs}.
 */
public record CommandDocs(String summary, String since, String group, String complexity) {
}
