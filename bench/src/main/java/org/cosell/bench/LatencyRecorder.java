package org.cosell.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * Latencies in a high-dynamic-range histogram (microsecond resolution, three significant digits, up
 * to ten minutes), safe to record from many threads at once.
 */
final class LatencyRecorder {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Histogram histogram = new ConcurrentHistogram(1, HIGHEST_MICROS, 3);

    void recordNanos(long nanos) {
        long micros = Math.max(1, Math.min(HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
        histogram.recordValue(micros);
    }

    Summary summary() {
        Histogram copy = histogram.copy();
        if (copy.getTotalCount() == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Summary(copy.getTotalCount(), millis(copy.getValueAtPercentile(50)),
                millis(copy.getValueAtPercentile(99)), millis(copy.getValueAtPercentile(99.9)),
                millis(copy.getMaxValue()), copy.getMean() / 1000.0);
    }

    /** One percentile (0–100) in milliseconds; {@code NaN} when nothing was recorded. */
    double percentile(double percentile) {
        Histogram copy = histogram.copy();
        return copy.getTotalCount() == 0 ? Double.NaN : millis(copy.getValueAtPercentile(percentile));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    /** Percentiles in milliseconds. */
    record Summary(long count, double p50, double p99, double p999, double max, double mean) {
    }
}
