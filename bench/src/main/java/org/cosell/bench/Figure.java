package org.cosell.bench;

/**
 * One measured figure, printed as a row of the table and written to the JSON results.
 *
 * @param benchmark which benchmark measured it ({@code ingest}, {@code gateway}, ...)
 * @param name      what it is, e.g. {@code referrals/s end to end}
 * @param value     the number, in {@code unit}; {@code NaN} when not measured
 * @param unit      e.g. {@code /s}, {@code ms}, {@code MB}, {@code s}
 * @param reference the figure it is compared with in the same run, or empty
 * @param target    the target it is held to, or empty
 * @param verdict   met, missed, info or failed
 * @param note      what limits it, how it was measured, or why it failed; may be empty
 */
record Figure(String benchmark, String name, double value, String unit, String reference, String target,
              Verdict verdict, String note) {

    static Figure info(String benchmark, String name, double value, String unit, String note) {
        return new Figure(benchmark, name, value, unit, "", "", Verdict.INFO, note);
    }

    static Figure failed(String benchmark, String name, String why) {
        return new Figure(benchmark, name, Double.NaN, "", "", "", Verdict.FAILED, why);
    }

    /** A figure that must be at least {@code minimum}. */
    static Figure atLeast(String benchmark, String name, double value, String unit, String reference,
                          double minimum, String target, String note) {
        return new Figure(benchmark, name, value, unit, reference, target,
                value >= minimum ? Verdict.MET : Verdict.MISSED, note);
    }

    /** A figure that must be at most {@code maximum}. */
    static Figure atMost(String benchmark, String name, double value, String unit, String reference,
                         double maximum, String target, String note) {
        return new Figure(benchmark, name, value, unit, reference, target,
                value <= maximum ? Verdict.MET : Verdict.MISSED, note);
    }
}
