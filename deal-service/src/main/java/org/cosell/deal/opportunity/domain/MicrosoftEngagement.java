package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.common.Seller;
import org.cosell.contracts.engagement.EngagementDecision;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a deal's co-sell request to Microsoft stands, and its rules: NONE → REQUESTED once per deal;
 * REQUESTED → ENGAGED or DECLINED by a seller's answer, or EXPIRED once {@code respondBy} passes
 * unanswered. Microsoft answers only while the deal is ACCEPTED. Each move answers the next value
 * and leaves this one as it is; times come in to the millisecond.
 *
 * @param notes         what help the partner asked for
 * @param sellerNotes   what the answering seller said
 * @param answerEventId the event that answered, so that its redelivery is recognised
 */
public record MicrosoftEngagement(EngagementStatus status, Instant requestedAt, Instant respondBy, String notes,
                                  Seller seller, String sellerNotes, Instant answeredAt, String answerEventId) {

    public static MicrosoftEngagement none() {
        return new MicrosoftEngagement(EngagementStatus.NONE, null, null, null, null, null, null, null);
    }

    /**
     * The partner asks for help at {@code at}; sellers have {@code window} to answer.
     *
     * @throws DealMoveRefused unless nothing was asked before
     */
    MicrosoftEngagement request(String helpNotes, Instant at, Duration window) {
        if (status != EngagementStatus.NONE) {
            throw new DealMoveRefused(DealMove.REQUEST_COSELL, status, EngagementStatus.REQUESTED,
                    "Microsoft's help is asked for once per deal");
        }
        return new MicrosoftEngagement(EngagementStatus.REQUESTED, at, at.plus(window), helpNotes, null, null, null, null);
    }

    /**
     * A seller answers, in event {@code eventId}.
     *
     * @return empty when {@code eventId} is the answer already taken, which changes nothing again
     * @throws DealMoveRefused unless the deal is ACCEPTED and its request waits for an answer
     */
    Optional<MicrosoftEngagement> answer(EngagementDecision decision, Seller by, String byNotes, String eventId,
                                         Instant at, Stage dealStage) {
        if (eventId != null && eventId.equals(answerEventId)) {
            return Optional.empty();
        }
        EngagementStatus to = decision == EngagementDecision.ENGAGED ? EngagementStatus.ENGAGED : EngagementStatus.DECLINED;
        if (dealStage != Stage.ACCEPTED) {
            throw new DealMoveRefused(DealMove.ANSWER_ENGAGEMENT, status, to, "the deal is " + dealStage);
        }
        if (status != EngagementStatus.REQUESTED) {
            throw new DealMoveRefused(DealMove.ANSWER_ENGAGEMENT, status, to, "only a REQUESTED engagement is answered");
        }
        return Optional.of(new MicrosoftEngagement(to, requestedAt, respondBy, notes, by, byNotes, at, eventId));
    }

    /**
     * The engagement window may be over at {@code now}.
     *
     * @return EXPIRED if Microsoft has not answered, the deal is still ACCEPTED and {@code respondBy}
     * is reached; otherwise (answered, over, too early) empty, so a late or early deadline notice is
     * harmless
     */
    Optional<MicrosoftEngagement> expire(Instant now, Stage dealStage) {
        if (dealStage != Stage.ACCEPTED || status != EngagementStatus.REQUESTED || now.isBefore(respondBy)) {
            return Optional.empty();
        }
        return Optional.of(new MicrosoftEngagement(EngagementStatus.EXPIRED, requestedAt, respondBy, notes, null, null,
                now, null));
    }
}
