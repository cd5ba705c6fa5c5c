package org.cosell.referral.domain;

import org.cosell.contracts.EventType;
import org.cosell.contracts.common.DeclineReason;
import org.cosell.contracts.outcome.OpportunityOutcome;
import org.cosell.contracts.outcome.Outcome;
import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralExpired;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.support.outbox.RaisedEvent;
import org.cosell.referral.ReferralFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every move of the referral life cycle from every stage, allowed and refused. */
class ReferralLifecycleTest {

    private static final Instant RECEIVED_AT = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(14);
    private static final Instant RESPOND_BY = RECEIVED_AT.plus(WINDOW);

    enum Move { ACCEPT, DECLINE, EXPIRE_AT_DEADLINE, EXPIRE_BEFORE_DEADLINE }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
            "RECEIVED, ACCEPT,                 ACCEPTED",
            "RECEIVED, DECLINE,                DECLINED",
            "RECEIVED, EXPIRE_AT_DEADLINE,     EXPIRED",
            "RECEIVED, EXPIRE_BEFORE_DEADLINE, RECEIVED",
            "ACCEPTED, ACCEPT,                 REFUSED",
            "ACCEPTED, DECLINE,                REFUSED",
            "ACCEPTED, EXPIRE_AT_DEADLINE,     ACCEPTED",
            "ACCEPTED, EXPIRE_BEFORE_DEADLINE, ACCEPTED",
            "DECLINED, ACCEPT,                 REFUSED",
            "DECLINED, DECLINE,                REFUSED",
            "DECLINED, EXPIRE_AT_DEADLINE,     DECLINED",
            "DECLINED, EXPIRE_BEFORE_DEADLINE, DECLINED",
            "EXPIRED,  ACCEPT,                 REFUSED",
            "EXPIRED,  DECLINE,                REFUSED",
            "EXPIRED,  EXPIRE_AT_DEADLINE,     EXPIRED",
            "EXPIRED,  EXPIRE_BEFORE_DEADLINE, EXPIRED",
    })
    void everyMoveFromEveryStage(ReferralStage from, Move move, String expected) {
        Referral referral = referralIn(from);

        List<RaisedEvent> before = referral.raisedEvents();

        if (expected.equals("REFUSED")) {
            assertThatThrownBy(() -> apply(move, referral))
                    .isInstanceOfSatisfying(StageTransitionRefused.class,
                            refused -> assertThat(refused.from()).isEqualTo(from));
            assertThat(referral.stage()).isEqualTo(from);
            assertThat(referral.raisedEvents()).isEqualTo(before);
        } else {
            boolean changed = apply(move, referral);
            assertThat(referral.stage()).isEqualTo(ReferralStage.valueOf(expected));
            assertThat(changed).isEqualTo(from != referral.stage());
            assertThat(referral.raisedEvents().size() > before.size()).isEqualTo(changed);
        }
    }

    @Test
    void acceptingCarriesTheTermsTheSuggestedSolutionsAndWhoSentIt() {
        Referral referral = received();

        referral.accept(ReferralFixtures.terms(), ReferralFixtures.ACTOR, RECEIVED_AT.plusSeconds(3600), null);
        RaisedEvent raised = referral.raisedEvents().get(referral.raisedEvents().size() - 1);
        assertThat(raised.type()).isEqualTo(EventType.REFERRAL_ACCEPTED);
        ReferralAccepted accepted = (ReferralAccepted) raised.data();

        assertThat(accepted.opportunityId()).isEqualTo(referral.id());
        assertThat(accepted.deal().name()).isEqualTo("Contoso AI pilot");
        assertThat(accepted.deal().solutions()).extracting("id").containsExactly("sol-1");
        assertThat(accepted.sender().email()).isEqualTo("sam.seller@microsoft.example");
        assertThat(accepted.acceptedAt()).isEqualTo(RECEIVED_AT.plusSeconds(3600));
    }

    @Test
    void decliningAndExpiringEachCauseTheOpportunitysOneOutcome() {
        Referral declined = received();
        declined.decline(DeclineReason.OTHER, "Not our region", ReferralFixtures.ACTOR, RECEIVED_AT.plusSeconds(60),
                null);
        assertThat(declined.raisedEvents()).extracting(RaisedEvent::type).containsExactly(EventType.REFERRAL_RECEIVED,
                EventType.REFERRAL_DECLINED, EventType.OPPORTUNITY_OUTCOME);
        OpportunityOutcome declinedOutcome = (OpportunityOutcome) declined.raisedEvents().get(2).data();
        assertThat(declinedOutcome.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(declinedOutcome.reason()).isEqualTo("OTHER");
        assertThat(declinedOutcome.notes()).isEqualTo("Not our region");
        assertThat(declinedOutcome.dealName()).isEqualTo("Contoso AI rollout");

        Referral expired = received();
        assertThat(expired.expire(RESPOND_BY.plusSeconds(1))).isTrue();
        assertThat(expired.raisedEvents()).extracting(RaisedEvent::type).containsExactly(EventType.REFERRAL_RECEIVED,
                EventType.REFERRAL_EXPIRED, EventType.OPPORTUNITY_OUTCOME);
        assertThat(((OpportunityOutcome) expired.raisedEvents().get(2).data()).outcome()).isEqualTo(Outcome.EXPIRED);
        assertThat(((ReferralExpired) expired.raisedEvents().get(1).data()).respondBy()).isEqualTo(RESPOND_BY);
    }

    @Test
    void answersArriveAtTheMillisecondMongoKeeps() {
        Referral referral = Referral.receive(UUID.randomUUID(), "urn:test", ReferralFixtures.offer("R-1", "4412345"),
                Instant.parse("2026-11-24T10:00:00.123456789Z"), WINDOW);

        assertThat(referral.receivedAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00.123Z"));
        assertThat(referral.respondBy()).isEqualTo(Instant.parse("2026-12-08T10:00:00.123Z"));
        assertThat(referral.raisedEvents()).singleElement().satisfies(raised -> {
            assertThat(raised.type()).isEqualTo(EventType.REFERRAL_RECEIVED);
            assertThat(((ReferralReceived) raised.data()).receivedAt()).isEqualTo(referral.receivedAt());
        });
    }

    private static boolean apply(Move move, Referral referral) {
        switch (move) {
            case ACCEPT -> referral.accept(ReferralFixtures.terms(), ReferralFixtures.ACTOR, RECEIVED_AT.plusSeconds(60), null);
            case DECLINE -> referral.decline(DeclineReason.NOT_A_FIT, null, ReferralFixtures.ACTOR, RECEIVED_AT.plusSeconds(60),
                    null);
            case EXPIRE_AT_DEADLINE -> {
                return referral.expire(RESPOND_BY);
            }
            case EXPIRE_BEFORE_DEADLINE -> {
                return referral.expire(RESPOND_BY.minusMillis(1));
            }
        }
        return true;
    }

    private static Referral referralIn(ReferralStage stage) {
        Referral referral = received();
        switch (stage) {
            case RECEIVED -> { }
            case ACCEPTED -> referral.accept(ReferralFixtures.terms(), ReferralFixtures.ACTOR, RECEIVED_AT, null);
            case DECLINED -> referral.decline(DeclineReason.DUPLICATE, null, ReferralFixtures.ACTOR, RECEIVED_AT, null);
            case EXPIRED -> referral.expire(RESPOND_BY);
        }
        assertThat(referral.stage()).isEqualTo(stage);
        return referral;
    }

    private static Referral received() {
        return Referral.receive(UUID.randomUUID(), "urn:test", ReferralFixtures.offer("R-1", "4412345"), RECEIVED_AT, WINDOW);
    }
}
