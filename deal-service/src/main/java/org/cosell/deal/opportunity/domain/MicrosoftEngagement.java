package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.common.HelpType;
import org.cosell.contracts.common.Seller;
import org.cosell.contracts.engagement.EngagementDecision;
import org.cosell.support.domain.RuleViolation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a deal's current co-sell request to Microsoft stands, and its rules: NONE → REQUESTED;
 * REQUESTED → ENGAGED or DECLINED by a seller's answer, or EXPIRED once {@code respondBy} passes
 * unanswered; a DECLINED or EXPIRED request may be followed by a new one, which must say what kind
 * of help it wants. Microsoft answers only while the deal is ACCEPTED. Each move answers the next
 * value and leaves this one as it is; times come in to the millisecond.
 *
 * @param notes         what help the partner asked for
 * @param sellerNotes   what the answering seller said
 * @param answerEventId the event that answered, so that its redelivery is recognised
 * @param requestId     tells this request from the deal's others; {@code null} for a request stored before
 *                      requests had ids
 * @param helpType      what kind of help was asked for; {@code null} when a first request did not say
 */
public record MicrosoftEngagement(EngagementStatus status, Instant requestedAt, Instant respondBy, String notes,
                                  Seller seller, String sellerNotes, Instant answeredAt, String answerEventId,
                                  UUID requestId, HelpType helpType) {

    public static MicrosoftEngagement none() {
        return new MicrosoftEngagement(EngagementStatus.NONE, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The partner asks for help at {@code at}, in request {@code requestId}; sellers have {@code window} to answer.
     *
     * @throws DealMoveRefused unless nothing was asked before or the last request was declined or expired
     * @throws RuleViolation   when asking again without saying what kind of help
     */
    MicrosoftEngagement request(String helpNotes, HelpType help, UUID id, Instant at, Duration window) {
        if (status == EngagementStatus.REQUESTED || status == EngagementStatus.ENGAGED) {
            throw new DealMoveRefused(DealMove.REQUEST_COSELL, status, EngagementStatus.REQUESTED,
                    "Microsoft may be asked again only once the last request was DECLINED or EXPIRED");
        }
        if (status != EngagementStatus.NONE && help == null) {
            throw new RuleViolation("helpType", "is required when asking Microsoft again");
        }
        return new MicrosoftEngagement(EngagementStatus.REQUESTED, at, at.plus(window), helpNotes, null, null, null,
                null, id, help);
    }

    /** Whether this request was answered by event {@code eventId}. */
    boolean answeredBy(String eventId) {
        return eventId != null && eventId.equals(answerEventId);
    }

    /**
     * A seller answers, in event {@code eventId}.
     *
     * @return empty when {@code eventId} is the answer already taken, which changes nothing again
     * @throws DealMoveRefused unless the deal is ACCEPTED and its request waits for an answer
     */
    Optional<MicrosoftEngagement> answer(EngagementDecision decision, Seller by, String byNotes, String eventId,
                                         Instant at, Stage dealStage) {
        if (answeredBy(eventId)) {
            return Optional.empty();
        }
        EngagementStatus to = decision == EngagementDecision.ENGAGED ? EngagementStatus.ENGAGED : EngagementStatus.DECLINED;
        if (dealStage != Stage.ACCEPTED) {
            throw new DealMoveRefused(DealMove.ANSWER_ENGAGEMENT, status, to, "the deal is " + dealStage);
        }
        if (status != EngagementStatus.REQUESTED) {
            throw new DealMoveRefused(DealMove.ANSWER_ENGAGEMENT, status, to, "only a REQUESTED engagement is answered");
        }
        return Optional.of(new MicrosoftEngagement(to, requestedAt, respondBy, notes, by, byNotes, at, eventId,
                requestId, helpType));
    }

    /**
     * The engagement window that ends at {@code dueAt} may be over at {@code now}.
     *
     * @param dueAt the end of the window the notice is about, or {@code null} for this request's
     * @return EXPIRED if Microsoft has not answered, the deal is still ACCEPTED, {@code dueAt} is this
     * request's {@code respondBy} and it is reached; otherwise (answered, over, too early, another
     * request's deadline) empty, so a late, early or stale deadline notice is harmless
     */
    Optional<MicrosoftEngagement> expire(Instant dueAt, Instant now, Stage dealStage) {
        if (dealStage != Stage.ACCEPTED || status != EngagementStatus.REQUESTED || now.isBefore(respondBy)
                || (dueAt != null && !dueAt.equals(respondBy))) {
            return Optional.empty();
        }
        return Optional.of(new MicrosoftEngagement(EngagementStatus.EXPIRED, requestedAt, respondBy, notes, null, null,
                now, null, requestId, helpType));
    }
}
