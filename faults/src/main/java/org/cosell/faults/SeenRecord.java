package org.cosell.faults;

/**
 * One record the suite read off a topic, reduced to what the cases count: the CloudEvent's id and
 * type, who it concerns, and for dead letters the {@code cosell-error} header.
 *
 * @param subjectId the opportunity id the event is about ({@code data.opportunityId}, or {@code data.targetId} of a due notice)
 * @param detail    {@code data.kind} of a due notice, {@code data.outcome} of an outcome
 */
record SeenRecord(String topic, int partition, long offset, String key, String eventId, String type,
                  String partnerId, String referralId, String subjectId, String detail, String error) {

    /** The referral event types that record a decision on a referral. */
    boolean isDecision() {
        return "cosell.referral.accepted.v1".equals(type) || "cosell.referral.declined.v1".equals(type)
                || "cosell.referral.expired.v1".equals(type);
    }

    boolean isReceived() {
        return "cosell.referral.received.v1".equals(type);
    }
}
