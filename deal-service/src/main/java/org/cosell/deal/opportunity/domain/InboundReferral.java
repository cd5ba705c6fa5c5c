package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.common.Sender;
import org.cosell.contracts.referral.ReferralReceived;

import java.time.Instant;

/**
 * What referral-service's events tell of an inbound opportunity besides its deal and customer: the
 * referral, its sender, by when the partner must answer, when it arrived and when the partner
 * answered. The events may come in any order and again, so each fills in only what is still
 * unknown, and a decision ends the wait for an answer. Empty for a deal the partner created.
 *
 * @param senderNotes the notes of the deal the sender suggested, kept as they arrived: the terms the
 *                    partner settles on accepting have notes of their own
 */
public record InboundReferral(String referralId, Sender sender, Instant respondBy, Instant receivedAt,
                              Instant answeredAt, String senderNotes) {

    static InboundReferral none() {
        return new InboundReferral(null, null, null, null, null, null);
    }

    /** What any of the referral's events tells; the arrival time only when it is known. */
    static InboundReferral of(String referralId, Sender sender, Instant receivedAt) {
        return new InboundReferral(referralId, sender, null, receivedAt, null, null);
    }

    /**
     * The arrival, perhaps overtaken by a decision: its deadline counts only while the partner has
     * still to answer ({@code awaitingAnswer}), and each part is taken only where none is known.
     */
    InboundReferral arrived(ReferralReceived arrival, boolean awaitingAnswer) {
        return new InboundReferral(referralId, sender,
                awaitingAnswer && respondBy == null ? arrival.respondBy() : respondBy,
                receivedAt == null ? arrival.receivedAt() : receivedAt, answeredAt,
                senderNotes == null && arrival.deal() != null ? arrival.deal().notes() : senderNotes);
    }

    /** The partner accepted or declined at {@code at}. */
    InboundReferral answered(Instant at) {
        return new InboundReferral(referralId, sender, null, receivedAt, at, senderNotes);
    }

    /** Nobody waits for an answer any more. */
    InboundReferral closed() {
        return new InboundReferral(referralId, sender, null, receivedAt, answeredAt, senderNotes);
    }
}
