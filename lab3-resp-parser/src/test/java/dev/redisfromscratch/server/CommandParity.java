package dev.redisfromscratch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.RespArray;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.client.RespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares one command's {@code COMMAND INFO} and {@code COMMAND DOCS} between a workbook server and
 * a real redis-server: lab 3's {@link CommandIntrospectionParityTest} and every later lab's test of
 * the commands it adds use it.
 */
public final class CommandParity {
    private CommandParity() {
    }

    /**
     * {@code COMMAND INFO name} is Redis's byte for byte; a container is compared after Redis's list
     * of subcommands is cut down to ours (each subcommand is compared on its own too).
     */
    public static void assertCommandInfoMatches(RespClient ours, RespClient redis, String name) throws Exception {
        RespArray ourEntry = (RespArray) only(ours.call("COMMAND", "INFO", name));
        RespArray redisEntry = (RespArray) only(redis.call("COMMAND", "INFO", name));
        assertThat(ourEntry).as("COMMAND INFO " + name).isEqualTo(withSubcommandsOf(ourEntry, redisEntry, redis));
    }

    /** {@code COMMAND DOCS name} has Redis's summary, since, group and complexity. */
    public static void assertCommandDocsMatch(RespClient ours, RespClient redis, String name) throws Exception {
        List<RespValue> ourDocs = docsOf(ours.call("COMMAND", "DOCS", name));
        List<RespValue> redisDocs = docsOf(redis.call("COMMAND", "DOCS", name));
        for (String field : List.of("summary", "since", "group", "complexity")) {
            assertThat(field(ourDocs, field)).as(name + " " + field).isEqualTo(field(redisDocs, field));
        }
    }

    private static RespValue only(RespValue reply) {
        RespArray array = (RespArray) reply;
        assertThat(array.size()).isEqualTo(1);
        return array.get(0);
    }

    /** Redis's entry with, in place of its subcommands, Redis's entries of ours, in our order. */
    private static RespArray withSubcommandsOf(RespArray ourEntry, RespArray redisEntry, RespClient redis) throws Exception {
        Set<String> keep = ((RespArray) ourEntry.get(9)).elements().stream()
                .map(sub -> text(((RespArray) sub).get(0)))
                .collect(Collectors.toSet());
        if (keep.isEmpty()) {
            return redisEntry;
        }
        List<RespValue> fields = new ArrayList<>(redisEntry.elements());
        List<RespValue> subs = new ArrayList<>();
        for (RespValue ourSub : ((RespArray) ourEntry.get(9)).elements()) {
            subs.add(only(redis.call("COMMAND", "INFO", text(((RespArray) ourSub).get(0)))));
        }
        fields.set(9, new RespArray(subs));
        return new RespArray(fields);
    }

    /** The docs map of a one-command {@code COMMAND DOCS} reply: {@code [name, [field, value, ...]]}. */
    private static List<RespValue> docsOf(RespValue reply) {
        RespArray pair = (RespArray) reply;
        assertThat(pair.size()).isEqualTo(2);
        return ((RespArray) pair.get(1)).elements();
    }

    private static RespValue field(List<RespValue> docs, String name) {
        for (int i = 0; i < docs.size(); i += 2) {
            if (text(docs.get(i)).equals(name)) {
                return docs.get(i + 1);
            }
        }
        throw new AssertionError("no field " + name + " in " + docs);
    }

    private static String text(RespValue value) {
        return new String(((BulkString) value).bytes(), StandardCharsets.ISO_8859_1);
    }
}
