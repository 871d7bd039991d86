package dev.redisfromscratch.tools.benchreport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's part of the labs' {@code bench/compare.conf} files: which rows are compared with
 * which ({@code peer ROWS PEER_ROWS}) and which section a benchmark's rows go in
 * ({@code topic BENCHMARK TITLE...}). The {@code jmh} and {@code redis} lines are the launcher's
 * (the JMH arguments of each lab's run) and are skipped here; so are blank lines and {@code #}
 * comments.
 *
 * @param peers the peer rules, in file order (the first that applies to a row wins)
 * @param topics benchmark class simple name → section title, in the order first seen
 */
public record CompareConf(List<PeerRule> peers, Map<String, String> topics) {

    /** @return a configuration with no peers and no topics */
    public static CompareConf empty() {
        return new CompareConf(List.of(), Map.of());
    }

    /**
     * Reads several files into one configuration, in order.
     *
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException naming the file and line of a malformed directive
     */
    public static CompareConf read(List<Path> files) throws IOException {
        List<PeerRule> peers = new ArrayList<>();
        Map<String, String> topics = new LinkedHashMap<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                try {
                    parseLine(lines.get(i).trim(), peers, topics);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return new CompareConf(List.copyOf(peers), topics);
    }

    private static void parseLine(String line, List<PeerRule> peers, Map<String, String> topics) {
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        String[] words = line.split("\\s+");
        switch (words[0]) {
            case "jmh":
            case "redis":
                return; // the launcher's
            case "peer":
                if (words.length != 3) {
                    throw new IllegalArgumentException("expected: peer ROWS PEER_ROWS");
                }
                peers.add(new PeerRule(RowSelector.parse(words[1]), RowSelector.parse(words[2])));
                return;
            case "topic":
                if (words.length < 3) {
                    throw new IllegalArgumentException("expected: topic BENCHMARK TITLE");
                }
                topics.putIfAbsent(words[1], line.substring(line.indexOf(words[1]) + words[1].length()).trim());
                return;
            default:
                throw new IllegalArgumentException("unknown directive " + words[0]
                        + " (expected jmh, redis, peer or topic)");
        }
    }

    /** @return the section title for a benchmark class: its topic, or its own name */
    public String topicOf(String className) {
        return topics.getOrDefault(className, className);
    }
}
