package io.leadhandoff.reporting.report;

import io.leadhandoff.reporting.projection.Rollups;
import java.util.Map;
import java.util.TreeMap;

/**
 * Durations as counts per bucket ({@link Rollups#bucket}): percentiles estimated the way
 * PostgreSQL's percentile_cont computes them on the durations themselves (interpolating between the
 * two values around the rank), each value read as its bucket's middle, so within 1% of the exact.
 */
final class Histogram {

    private final TreeMap<Integer, Long> counts = new TreeMap<>();
    private long size;

    void add(int bucket, long n) {
        counts.merge(bucket, n, Long::sum);
        size += n;
    }

    long size() {
        return size;
    }

    /** The p-th percentile (0 to 1) in seconds; null when empty. */
    Double percentile(double p) {
        if (size <= 0) {
            return null;
        }
        double rank = p * (size - 1);
        long below = (long) Math.floor(rank);
        double lower = value(below);
        return rank == below ? lower : lower + (rank - below) * (value(below + 1) - lower);
    }

    /** The k-th smallest duration (from 0), as its bucket's middle. */
    private double value(long k) {
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : counts.entrySet()) {
            seen += bucket.getValue();
            if (k < seen) {
                return Rollups.bucketMiddle(bucket.getKey());
            }
        }
        return Rollups.bucketMiddle(counts.lastKey());
    }
}
