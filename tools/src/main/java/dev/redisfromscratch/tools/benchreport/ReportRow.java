package dev.redisfromscratch.tools.benchreport;

/**
 * A row of the report: a JMH result and, when a peer rule applies and the peer was run, its peer
 * and how fast it is relative to it.
 *
 * @param result the measured row
 * @param peer the row it is compared with, or null
 * @param ratio speed relative to the peer, or null without a peer
 */
public record ReportRow(JmhRow result, JmhRow peer, SpeedRatio ratio) {
}
