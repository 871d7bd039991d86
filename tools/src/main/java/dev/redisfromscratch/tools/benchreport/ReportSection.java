package dev.redisfromscratch.tools.benchreport;

import java.util.List;

/**
 * One section of the report: the rows of every benchmark class that shares a topic, from every lab,
 * in lab order.
 *
 * @param title the topic, e.g. {@code PING round trip over loopback TCP}
 * @param rows its rows
 */
public record ReportSection(String title, List<ReportRow> rows) {
}
