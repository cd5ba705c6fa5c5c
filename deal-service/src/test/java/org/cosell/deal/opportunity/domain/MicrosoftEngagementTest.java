package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.common.HelpType;
import org.cosell.contracts.common.Seller;
import org.cosell.contracts.engagement.EngagementDecision;
import org.cosell.support.domain.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every move of the engagement from every status, and from every stage of the deal it belongs to. */
class MicrosoftEngagementTest {

    private static final Instant REQUESTED_AT = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(14);
    private static final Instant RESPOND_BY = REQUESTED_AT.plus(WINDOW);
    private static final Instant ANSWERED_AT = REQUESTED_AT.plus(Duration.ofDays(1));
    private static final Seller SELLER = new Seller("Sam Seller", "sam@microsoft.example");
    private static final UUID REQUEST_ID = UUID.fromString("7d9e4c1a-2b3f-4a5e-9c8d-1e2f3a4b5c6d");

    @Test
    void aRequestFromNoneWaitsForAnAnswerUntilTheWindowIsOver() {
        MicrosoftEngagement requested = MicrosoftEngagement.none().request("Need an architect", null, REQUEST_ID, REQUESTED_AT, WINDOW);

        assertThat(requested).isEqualTo(new MicrosoftEngagement(EngagementStatus.REQUESTED, REQUESTED_AT, RESPOND_BY,
                "Need an architect", null, null, null, null, REQUEST_ID, null));
    }

    @ParameterizedTest
    @EnumSource(value = EngagementStatus.class, names = {"REQUESTED", "ENGAGED"})
    void noNewRequestWhileOneWaitsForOrHasMicrosoftsAnswer(EngagementStatus status) {
        assertThatThrownBy(() -> in(status).request("Again", HelpType.PRICING, UUID.randomUUID(), ANSWERED_AT, WINDOW))
                .isInstanceOfSatisfying(DealMoveRefused.class, refused -> {
                    assertThat(refused.move()).isEqualTo(DealMove.REQUEST_COSELL);
                    assertThat(refused.from()).isEqualTo(status);
                    assertThat(refused.to()).isEqualTo(EngagementStatus.REQUESTED);
                })
                .hasMessage("Cannot request Microsoft's help: " + status + " to REQUESTED is not allowed, "
                        + "Microsoft may be asked again only once the last request was DECLINED or EXPIRED");
    }

    @ParameterizedTest
    @EnumSource(value = EngagementStatus.class, names = {"DECLINED", "EXPIRED"})
    void aDeclinedOrExpiredRequestMayBeFollowedByANewOneThatSaysWhatHelp(EngagementStatus status) {
        UUID second = UUID.randomUUID();
        Instant askedAgainAt = RESPOND_BY.plusSeconds(60);

        assertThat(in(status).request("Pricing, please", HelpType.PRICING, second, askedAgainAt, WINDOW))
                .isEqualTo(new MicrosoftEngagement(EngagementStatus.REQUESTED, askedAgainAt, askedAgainAt.plus(WINDOW),
                        "Pricing, please", null, null, null, null, second, HelpType.PRICING));
        assertThatThrownBy(() -> in(status).request("Again", null, second, askedAgainAt, WINDOW))
                .isInstanceOfSatisfying(RuleViolation.class, violation ->
                        assertThat(violation.field()).isEqualTo("helpType"));
    }

    @ParameterizedTest
    @EnumSource(EngagementDecision.class)
    void aSellerAnswersARequestOfAnAcceptedDeal(EngagementDecision decision) {
        MicrosoftEngagement answered = in(EngagementStatus.REQUESTED)
                .answer(decision, SELLER, "On it", "answer-1", ANSWERED_AT, Stage.ACCEPTED).orElseThrow();

        assertThat(answered).isEqualTo(new MicrosoftEngagement(
                decision == EngagementDecision.ENGAGED ? EngagementStatus.ENGAGED : EngagementStatus.DECLINED,
                REQUESTED_AT, RESPOND_BY, "Need an architect", SELLER, "On it", ANSWERED_AT, "answer-1", REQUEST_ID, null));
    }

    @ParameterizedTest
    @EnumSource(Stage.class)
    void theAnswerTakenAlreadyChangesNothingWhateverTheDealBecameSince(Stage stage) {
        MicrosoftEngagement engaged = in(EngagementStatus.REQUESTED)
                .answer(EngagementDecision.ENGAGED, SELLER, "On it", "answer-1", ANSWERED_AT, Stage.ACCEPTED)
                .orElseThrow();

        assertThat(engaged.answer(EngagementDecision.DECLINED, SELLER, "Changed my mind", "answer-1",
                ANSWERED_AT.plusSeconds(60), stage)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = EngagementStatus.class, names = "REQUESTED", mode = EnumSource.Mode.EXCLUDE)
    void onlyARequestedEngagementIsAnswered(EngagementStatus status) {
        assertThatThrownBy(() -> in(status).answer(EngagementDecision.DECLINED, SELLER, null, "answer-2", ANSWERED_AT,
                Stage.ACCEPTED))
                .isInstanceOfSatisfying(DealMoveRefused.class, refused -> {
                    assertThat(refused.move()).isEqualTo(DealMove.ANSWER_ENGAGEMENT);
                    assertThat(refused.from()).isEqualTo(status);
                    assertThat(refused.to()).isEqualTo(EngagementStatus.DECLINED);
                })
                .hasMessageEndingWith("only a REQUESTED engagement is answered");
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = "ACCEPTED", mode = EnumSource.Mode.EXCLUDE)
    void microsoftAnswersOnlyWhileTheDealIsAccepted(Stage stage) {
        assertThatThrownBy(() -> in(EngagementStatus.REQUESTED).answer(EngagementDecision.ENGAGED, SELLER, null,
                "answer-3", ANSWERED_AT, stage))
                .isInstanceOf(DealMoveRefused.class)
                .hasMessage("Cannot answer the co-sell request: REQUESTED to ENGAGED is not allowed, the deal is " + stage);
    }

    @Test
    void anUnansweredRequestExpiresOnceItsWindowIsOver() {
        MicrosoftEngagement expired = new MicrosoftEngagement(EngagementStatus.EXPIRED, REQUESTED_AT, RESPOND_BY,
                "Need an architect", null, null, RESPOND_BY, null, REQUEST_ID, null);
        assertThat(in(EngagementStatus.REQUESTED).expire(null, RESPOND_BY, Stage.ACCEPTED)).contains(expired);
        assertThat(in(EngagementStatus.REQUESTED).expire(RESPOND_BY, RESPOND_BY, Stage.ACCEPTED)).contains(expired);
        assertThat(in(EngagementStatus.REQUESTED).expire(null, RESPOND_BY.minusMillis(1), Stage.ACCEPTED)).isEmpty();
    }

    @Test
    void aDeadlineNoticeForAnotherWindowChangesNothing() {
        assertThat(in(EngagementStatus.REQUESTED).expire(RESPOND_BY.minusSeconds(3600), RESPOND_BY.plusSeconds(1),
                Stage.ACCEPTED)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = EngagementStatus.class, names = "REQUESTED", mode = EnumSource.Mode.EXCLUDE)
    void aDeadlineNoticeChangesNothingOnceTheRequestIsNotWaiting(EngagementStatus status) {
        assertThat(in(status).expire(null, RESPOND_BY.plusSeconds(1), Stage.ACCEPTED)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Stage.class, names = "ACCEPTED", mode = EnumSource.Mode.EXCLUDE)
    void aDeadlineNoticeChangesNothingOnceTheDealIsNotAccepted(Stage stage) {
        assertThat(in(EngagementStatus.REQUESTED).expire(null, RESPOND_BY.plusSeconds(1), stage)).isEmpty();
    }

    private static MicrosoftEngagement in(EngagementStatus status) {
        MicrosoftEngagement requested = MicrosoftEngagement.none().request("Need an architect", null, REQUEST_ID, REQUESTED_AT, WINDOW);
        return switch (status) {
            case NONE -> MicrosoftEngagement.none();
            case REQUESTED -> requested;
            case ENGAGED -> requested.answer(EngagementDecision.ENGAGED, SELLER, null, "answer-0", ANSWERED_AT,
                    Stage.ACCEPTED).orElseThrow();
            case DECLINED -> requested.answer(EngagementDecision.DECLINED, SELLER, null, "answer-0", ANSWERED_AT,
                    Stage.ACCEPTED).orElseThrow();
            case EXPIRED -> requested.expire(null, RESPOND_BY, Stage.ACCEPTED).orElseThrow();
        };
    }
}
