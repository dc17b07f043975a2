package io.leadhandoff.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.reporting.projection.Rollups;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Percentiles from histogram buckets against percentile_cont's answer on the durations themselves. */
class HistogramTest {

    @Test
    void percentilesAreWithinOnePercentOfTheExactOnes() {
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            int n = 1 + random.nextInt(500);
            double[] seconds = new double[n];
            Histogram histogram = new Histogram();
            for (int i = 0; i < n; i++) {
                // minutes to months, a few negative (a touch logged before the MQL) and some zero
                double v = run % 10 == 0 && i % 7 == 0 ? 0 : Math.exp(random.nextDouble() * 16) * (i % 13 == 0 ? -1 : 1);
                seconds[i] = v;
                histogram.add(bucket(v), 1);
            }
            Arrays.sort(seconds);
            for (double p : new double[] { 0, 0.1, 0.5, 0.9, 1 }) {
                double exact = percentileCont(seconds, p);
                double estimate = histogram.percentile(p);
                // each value is read within 1% of (|value| + 1 s), so their interpolation is too
                double tolerance = 0.01 * (Math.max(Math.abs(low(seconds, p)), Math.abs(high(seconds, p))) + 1);
                assertTrue(Math.abs(estimate - exact) <= tolerance,
                        "p" + p + " of " + n + ": exact " + exact + ", estimate " + estimate);
            }
            assertEquals(n, histogram.size());
        }
    }

    @Test
    void anEmptyHistogramHasNoPercentiles() {
        assertNull(new Histogram().percentile(0.5));
    }

    @Test
    void oneDurationIsItsOwnEveryPercentileWithinOnePercent() {
        Histogram histogram = new Histogram();
        histogram.add(bucket(7200), 3);
        assertEquals(7200, histogram.percentile(0.5), 72.01);
        assertEquals(histogram.percentile(0.1), histogram.percentile(0.9));
    }

    /** The bucket of lead_cycle's generated columns (V6), in Java. */
    static int bucket(double seconds) {
        return (int) (Math.signum(seconds) * (Math.floor(Math.log(Math.abs(seconds) + 1) / Math.log(Rollups.BUCKET_RATIO)) + 1));
    }

    static double percentileCont(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        return rank == below ? sorted[below] : sorted[below] + (rank - below) * (sorted[below + 1] - sorted[below]);
    }

    static double low(double[] sorted, double p) {
        return sorted[(int) Math.floor(p * (sorted.length - 1))];
    }

    static double high(double[] sorted, double p) {
        return sorted[(int) Math.ceil(p * (sorted.length - 1))];
    }
}
