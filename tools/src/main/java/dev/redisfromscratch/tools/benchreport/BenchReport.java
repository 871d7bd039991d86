package dev.redisfromscratch.tools.benchreport;

import dev.redisfromscratch.tools.benchreport.JmhJsonReader.JmhRun;
import dev.redisfromscratch.tools.benchreport.JmhJsonReader.RunSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cross-lab report's content: every lab's JMH rows grouped into sections by topic, each row
 * with its peer and speed ratio where a peer rule names one. {@link MarkdownReport} writes it,
 * {@link ReportChart} draws it.
 *
 * @param sections the sections, in the order the conf files name their topics (labs in order)
 * @param settings each lab's run settings, by lab
 * @param machine where and when it ran
 * @param notes extra lines for the reader, such as which rows are missing and why
 */
public record BenchReport(List<ReportSection> sections, Map<String, RunSettings> settings,
                          MachineDescription machine, List<String> notes) {

    /**
     * Groups the runs' rows and finds their peers.
     *
     * @param runs the labs' runs, in lab order
     * @param conf peer rules and topics
     * @param machine where and when it ran
     * @param notes extra lines for the reader
     * @throws IllegalArgumentException if a row and its peer are in different units
     */
    public static BenchReport build(List<JmhRun> runs, CompareConf conf, MachineDescription machine,
                                    List<String> notes) {
        List<JmhRow> all = new ArrayList<>();
        Map<String, RunSettings> settings = new LinkedHashMap<>();
        for (JmhRun run : runs) {
            all.addAll(run.rows());
            if (run.settings() != null) {
                settings.put(run.lab(), run.settings());
            }
        }
        Map<String, List<ReportRow>> byTopic = new LinkedHashMap<>();
        for (JmhRow row : all) {
            JmhRow peer = peerOf(row, all, conf).orElse(null);
            SpeedRatio ratio = peer == null ? null : SpeedRatio.of(row, peer);
            byTopic.computeIfAbsent(conf.topicOf(row.className()), t -> new ArrayList<>())
                    .add(new ReportRow(row, peer, ratio));
        }
        // sections in the order the conf files name their topics, then any others as found
        List<String> titles = new ArrayList<>();
        conf.topics().values().stream().distinct().filter(byTopic::containsKey).forEach(titles::add);
        byTopic.keySet().stream().filter(t -> !titles.contains(t)).forEach(titles::add);
        List<ReportSection> sections = new ArrayList<>();
        for (String title : titles) {
            sections.add(new ReportSection(title, List.copyOf(byTopic.get(title))));
        }
        return new BenchReport(List.copyOf(sections), settings, machine, List.copyOf(notes));
    }

    private static Optional<JmhRow> peerOf(JmhRow row, List<JmhRow> all, CompareConf conf) {
        for (PeerRule rule : conf.peers()) {
            Optional<JmhRow> peer = rule.peerOf(row, all);
            if (peer.isPresent()) {
                return peer;
            }
        }
        return Optional.empty();
    }
}
