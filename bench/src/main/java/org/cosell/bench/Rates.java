package org.cosell.bench;

/** Throughput arithmetic, in one place so every benchmark computes it the same way. */
final class Rates {

    private Rates() {
    }

    static double perSecond(long count, long nanos) {
        return nanos <= 0 ? Double.NaN : count * 1e9 / nanos;
    }

    /** {@code part} as a percentage of {@code whole}. */
    static double percent(double part, double whole) {
        return whole == 0 || Double.isNaN(whole) ? Double.NaN : 100.0 * part / whole;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
