package org.cosell.faults;

/**
 * How big each case is. The defaults are the figures where it gives them, and otherwise
 * sized so the whole suite finishes in about a quarter of an hour on two cores; each can be changed
 * with a system property, e.g. {@code -Dfaults.kill.referrals=2000}.
 */
final class Sizes {

    static final int FUZZED_BODIES = size("faults.fuzz.bodies", 10_000);
    static final int REDELIVERED_REFERRALS = size("faults.redelivery.referrals", 2_000);
    static final int POISON_VALID = size("faults.poison.valid", 10_000);
    static final int POISON_RECORDS = size("faults.poison.records", 1_000);
    static final int KILLED_INGEST = size("faults.kill.referrals", 10_000);
    static final int RACES = size("faults.races", 1_000);
    static final int TIMERS = size("faults.timers", 2_000);
    static final int SMTP_BURST = size("faults.smtp.referrals", 200);
    static final int SMTP_DOWN_SECONDS = size("faults.smtp.down.seconds", 60);
    static final int BROKER_RESTART_REFERRALS = size("faults.broker.referrals", 3_000);
    static final int DATABASE_RESTART_REFERRALS = size("faults.database.referrals", 2_000);
    static final int DATABASE_DOWN_SECONDS = size("faults.database.down.seconds", 40);
    static final int OVERLOAD_WRITES = size("faults.overload.writes", 2_000);
    static final int OVERLOAD_IN_FLIGHT = size("faults.overload.in-flight", 200);
    static final int SCALE_OUT_REFERRALS = size("faults.scale.referrals", 10_000);
    static final int SCALE_OUT_RATE = size("faults.scale.rate", 200);

    private Sizes() {
    }

    private static int size(String property, int fallback) {
        return Integer.getInteger(property, fallback);
    }
}
