package org.cosell.faults;

/** One fault or attack against the running stack, which it leaves running as it found it. */
interface FaultCase {

    /** Short, unique, usable with {@code --only}. */
    String name();

    /** {@code security} or {@code fault}. */
    String kind();

    /** One line: what is done and what must hold. */
    String description();

    /**
     * The {@code REFERRAL_RESPONSE_WINDOW} referral-service must run with for this case, {@code null}
     * for its default; the suite restarts referral-service only when the window changes.
     */
    default String responseWindow() {
        return null;
    }

    /**
     * Whether the case runs behind the gateway's rate limits as shipped. The others run with the
     * limiter off, so that what they measure (a race, a fuzzed body, a crash) is not hidden behind
     * 429s of their own load; the suite restarts the gateway only when this changes.
     */
    default boolean rateLimited() {
        return false;
    }

    /** Whether the case runs on a stack restarted on empty data (for the heavy ingest cases). */
    default boolean freshStack() {
        return false;
    }

    CaseResult run(Stack stack) throws Exception;
}
