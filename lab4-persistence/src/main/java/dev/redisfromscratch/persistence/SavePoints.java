package dev.redisfromscratch.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code save} configuration: pairs of seconds and changes. The cron starts a background save
 * as soon as one pair holds: at least {@code changes} writes and more than {@code seconds} since
 * the last successful save. An empty list ({@code save ""}) turns snapshots off.
 *
 * <p>Redis's default, {@code 3600 1 300 100 60 10000}: after an hour if anything changed, after
 * five minutes if 100 keys did, after a minute if 10,000 did.
 *
 * <p>Redis: {@code redis.conf}, {@code save}; {@code server.c}, {@code serverCron}
 * ({@code saveparams}).
 *
 * @param points each save point, in the order configured
 */
public record SavePoints(List<Point> points) {
    /** Redis 7's default save points. */
    public static final String DEFAULT = "3600 1 300 100 60 10000";

    /**
     * One save point.
     *
     * @param seconds how long since the last save, in seconds
     * @param changes how many changes at least
     */
    public record Point(long seconds, long changes) {
    }

    /**
     * @param text pairs of numbers separated by spaces, e.g. {@code "3600 1 300 100"}; empty for none
     * @throws IllegalArgumentException if there is an odd count or a value that is not a
     *     non-negative number (Redis: {@code Invalid save parameters})
     */
    public static SavePoints parse(String text) {
        String[] parts = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        if (parts.length % 2 != 0) {
            throw new IllegalArgumentException("Invalid save parameters");
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < parts.length; i += 2) {
            try {
                long seconds = Long.parseLong(parts[i]);
                long changes = Long.parseLong(parts[i + 1]);
                if (seconds < 0 || changes < 0) {
                    throw new IllegalArgumentException("Invalid save parameters");
                }
                points.add(new Point(seconds, changes));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid save parameters", e);
            }
        }
        return new SavePoints(List.copyOf(points));
    }

    /** @return whether snapshots are off ({@code save ""}) */
    public boolean isEmpty() {
        return points.isEmpty();
    }

    /**
     * @param changes changes since the last successful save
     * @param secondsSinceSave seconds since the last successful save
     * @return the first point that holds, or {@code null}
     */
    public Point due(long changes, long secondsSinceSave) {
        for (Point p : points) {
            if (changes >= p.changes() && secondsSinceSave > p.seconds()) {
                return p;
            }
        }
        return null;
    }

    /** @return the configuration's text, as {@code CONFIG GET save} replies it */
    @Override
    public String toString() {
        return points.stream().map(p -> p.seconds() + " " + p.changes()).collect(Collectors.joining(" "));
    }
}
