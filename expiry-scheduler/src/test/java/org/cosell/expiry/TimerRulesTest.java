package org.cosell.expiry;

import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.deal.DealCosellRequested;
import org.cosell.contracts.deal.DealEngagementChanged;
import org.cosell.contracts.deal.DealLost;
import org.cosell.contracts.deal.DealWon;
import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.contracts.referral.ReferralExpired;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.expiry.TimerChange.Arm;
import org.cosell.expiry.TimerChange.Disarm;
import org.cosell.support.kafka.CloudEventCodec;
import org.cosell.support.kafka.InvalidEventException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cosell.contracts.expiry.ExpiryKind.ENGAGEMENT_RESPONSE;
import static org.cosell.contracts.expiry.ExpiryKind.REFERRAL_REMINDER;
import static org.cosell.contracts.expiry.ExpiryKind.REFERRAL_RESPONSE;

class TimerRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:01Z");
    private static final UUID ID = UUID.fromString("3f1c2a9e-8b7d-4e21-9c5a-1d2e3f4a5b6c");
    private static final String PARTNER = "4412345";

    private final TimerRules rules = new TimerRules(Duration.ofDays(3));

    @Test
    void aReceivedReferralArmsItsDeadlineAtRespondByAndItsReminderThreeDaysBefore() {
        Instant respondBy = NOW.plus(Duration.ofDays(14));

        assertThat(rules.changesFor(received(ID, PARTNER, respondBy), NOW)).containsExactly(
                new Arm(REFERRAL_RESPONSE, ID, PARTNER, respondBy, null),
                new Arm(REFERRAL_REMINDER, ID, PARTNER, respondBy.minus(Duration.ofDays(3)), respondBy));
    }

    @Test
    void aReminderWhoseTimeHasAlreadyPassedIsNotArmed() {
        Instant respondBy = NOW.plus(Duration.ofDays(3));

        assertThat(rules.changesFor(received(ID, PARTNER, respondBy), NOW))
                .containsExactly(new Arm(REFERRAL_RESPONSE, ID, PARTNER, respondBy, null));
    }

    @Test
    void aDeadlineAlreadyPastIsStillArmedSoThatItFiresAtOnce() {
        Instant respondBy = NOW.minusSeconds(60);

        assertThat(rules.changesFor(received(ID, PARTNER, respondBy), NOW))
                .containsExactly(new Arm(REFERRAL_RESPONSE, ID, PARTNER, respondBy, null));
    }

    @Test
    void timesAreKeptToTheMillisecond() {
        Instant respondBy = Instant.parse("2026-12-08T10:00:01.123456789Z");

        assertThat(rules.changesFor(received(ID, PARTNER, respondBy), NOW))
                .first().isEqualTo(new Arm(REFERRAL_RESPONSE, ID, PARTNER, Instant.parse("2026-12-08T10:00:01.123Z"), null));
    }

    @ParameterizedTest
    @MethodSource("referralOutcomes")
    void anAcceptedDeclinedOrExpiredReferralDisarmsTheDeadlineAndTheReminder(Object outcome) {
        assertThat(rules.changesFor(outcome, NOW)).containsExactly(
                new Disarm(REFERRAL_RESPONSE, ID, PARTNER), new Disarm(REFERRAL_REMINDER, ID, PARTNER));
    }

    static Stream<Object> referralOutcomes() {
        return Stream.of(
                new ReferralAccepted(ID, "REF-1", PARTNER, null, null, null, NOW, NOW),
                new ReferralDeclined(ID, "REF-1", PARTNER, null, null, null, NOW, NOW),
                new ReferralExpired(ID, "REF-1", PARTNER, null, NOW, NOW));
    }

    @Test
    void aCosellRequestArmsTheEngagementDeadline() {
        Instant respondBy = NOW.plus(Duration.ofDays(14));

        assertThat(rules.changesFor(new DealCosellRequested(ID, PARTNER, "help", NOW, respondBy, null, null), NOW))
                .containsExactly(new Arm(ENGAGEMENT_RESPONSE, ID, PARTNER, respondBy, null));
    }

    @ParameterizedTest
    @EnumSource(value = EngagementStatus.class, names = "REQUESTED", mode = EnumSource.Mode.EXCLUDE)
    void anEngagementChangeThatSettlesTheRequestDisarmsTheEngagementDeadline(EngagementStatus status) {
        assertThat(rules.changesFor(engagementChanged(status), NOW))
                .containsExactly(new Disarm(ENGAGEMENT_RESPONSE, ID, PARTNER));
    }

    @Test
    void anEngagementChangeThatNamesItsRequestsWindowDisarmsOnlyThatDeadline() {
        Instant respondBy = NOW.plus(Duration.ofDays(14));
        DealEngagementChanged declined = new DealEngagementChanged(ID, PARTNER, "Deal", EngagementStatus.DECLINED,
                null, null, List.of(), NOW, UUID.randomUUID(), respondBy);

        assertThat(rules.changesFor(declined, NOW))
                .containsExactly(new Disarm(ENGAGEMENT_RESPONSE, ID, PARTNER, respondBy));
    }

    @Test
    void anEngagementChangeBackToRequestedLeavesTheDeadlineArmed() {
        assertThat(rules.changesFor(engagementChanged(EngagementStatus.REQUESTED), NOW)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dealOutcomes")
    void aWonOrLostDealDisarmsTheEngagementDeadline(Object outcome) {
        assertThat(rules.changesFor(outcome, NOW)).containsExactly(new Disarm(ENGAGEMENT_RESPONSE, ID, PARTNER));
    }

    static Stream<Object> dealOutcomes() {
        return Stream.of(new DealWon(ID, PARTNER, null, NOW), new DealLost(ID, PARTNER, null, null, NOW));
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"DEAL_CREATED", "DEAL_UPDATED", "REFERRAL_OFFERED", "EXPIRY_DUE"})
    void eventsThatConcernNoDeadlineChangeNothing(EventType type) {
        assertThat(rules.changesFor(goldenData(type), NOW)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"REFERRAL_RECEIVED", "REFERRAL_ACCEPTED", "REFERRAL_DECLINED",
            "REFERRAL_EXPIRED", "DEAL_COSELL_REQUESTED", "DEAL_ENGAGEMENT_CHANGED", "DEAL_WON", "DEAL_LOST"})
    void theGoldenSampleOfEveryEventThatArmsOrDisarmsIsUnderstood(EventType type) {
        List<TimerChange> changes = rules.changesFor(goldenData(type), NOW);

        assertThat(changes).isNotEmpty().allSatisfy(change -> assertThat(change.targetId()).isEqualTo(ID));
    }

    @ParameterizedTest
    @MethodSource("eventsMissingARequiredField")
    void anEventMissingAFieldARuleNeedsIsInvalid(Object data, String reason) {
        assertThatThrownBy(() -> rules.changesFor(data, NOW))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage(reason);
    }

    static Stream<Arguments> eventsMissingARequiredField() {
        Instant later = NOW.plus(Duration.ofDays(14));
        return Stream.of(
                Arguments.of(received(ID, PARTNER, null), "data.respondBy: is required"),
                Arguments.of(received(null, PARTNER, later), "data.opportunityId: is required"),
                Arguments.of(received(ID, " ", later), "data.partnerId: is required"),
                Arguments.of(new ReferralDeclined(null, "REF-1", PARTNER, null, null, null, NOW, NOW),
                        "data.opportunityId: is required"),
                Arguments.of(new DealCosellRequested(ID, PARTNER, "help", NOW, null, null, null), "data.respondBy: is required"),
                Arguments.of(new DealCosellRequested(null, PARTNER, "help", NOW, later, null, null), "data.dealId: is required"),
                Arguments.of(new DealEngagementChanged(ID, PARTNER, "Deal", null, null, null, List.of(), NOW, null, null),
                        "data.status: is required"),
                Arguments.of(new DealWon(null, PARTNER, null, NOW), "data.dealId: is required"));
    }

    private static ReferralReceived received(UUID opportunityId, String partnerId, Instant respondBy) {
        return new ReferralReceived(opportunityId, "REF-1", partnerId, null, null, null, NOW, respondBy);
    }

    private static DealEngagementChanged engagementChanged(EngagementStatus status) {
        return new DealEngagementChanged(ID, PARTNER, "Deal", status, null, null, List.of(), NOW, null, null);
    }

    private static Object goldenData(EventType type) {
        return new CloudEventCodec().read(GoldenSamples.json(type).getBytes()).data();
    }
}
