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

    /** Whether the case runs on a stack restarted on empty data (for the heavy ingest cases). */
    default boolean freshStack() {
        return false;
    }

    CaseResult run(Stack stack) throws Exception;
}
