package dev.redisfromscratch.server;

import dev.redisfromscratch.resp.BulkString;
import dev.redisfromscratch.resp.RespValue;
import dev.redisfromscratch.resp.client.RespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code INFO} reply taken apart: its sections, by title, each with its lines in order. Checks
 * the format on the way: every line ends in {@code \r\n}, sections start with {@code # Title} and
 * are separated by one empty line.
 */
final class InfoText {
    /** Section title ({@code Server}) to its {@code name:value} lines, in order. */
    final Map<String, List<String>> sections = new LinkedHashMap<>();

    private InfoText(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!text.endsWith("\r\n")) {
            throw new AssertionError("INFO does not end in \\r\\n: " + text);
        }
        String[] blocks = text.substring(0, text.length() - 2).split("\r\n\r\n", -1);
        for (String block : blocks) {
            String[] lines = block.split("\r\n", -1);
            if (!lines[0].startsWith("# ")) {
                throw new AssertionError("a section must start with '# Title': " + block);
            }
            List<String> fields = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isEmpty() || lines[i].contains("\n") || lines[i].contains("\r") || !lines[i].contains(":")) {
                    throw new AssertionError("not a name:value line: '" + lines[i] + "' in " + block);
                }
                fields.add(lines[i]);
            }
            sections.put(lines[0].substring(2), fields);
        }
    }

    /** Sends {@code INFO args...} and parses the reply. */
    static InfoText of(RespClient client, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "INFO";
        System.arraycopy(args, 0, command, 1, args.length);
        RespValue reply = client.call(command);
        if (!(reply instanceof BulkString bulk)) {
            throw new AssertionError("INFO must answer a bulk string, got " + reply);
        }
        return new InfoText(new String(bulk.bytes(), StandardCharsets.ISO_8859_1));
    }

    /** @return the section titles, in order */
    List<String> titles() {
        return new ArrayList<>(sections.keySet());
    }

    /** @return the names of a section's fields, in order */
    List<String> names(String title) {
        return sections.getOrDefault(title, List.of()).stream().map(l -> l.substring(0, l.indexOf(':'))).toList();
    }

    /** @return a field's value, or {@code null} */
    String value(String title, String name) {
        for (String line : sections.getOrDefault(title, List.of())) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** @return a field's value from whichever section has it, or {@code null} */
    String value(String name) {
        for (String title : sections.keySet()) {
            String v = value(title, name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** @return a numeric field's value */
    long number(String name) {
        String v = value(name);
        if (v == null) {
            throw new AssertionError("no field " + name + " in " + sections);
        }
        return Long.parseLong(v);
    }
}
