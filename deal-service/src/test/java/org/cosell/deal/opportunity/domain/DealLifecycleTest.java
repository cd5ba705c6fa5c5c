package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.EventType;
import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.common.HelpType;
import org.cosell.contracts.common.LostReason;
import org.cosell.contracts.common.OpportunityType;
import org.cosell.contracts.common.SalesStage;
import org.cosell.contracts.common.Seller;
import org.cosell.contracts.deal.DealEngagementChanged;
import org.cosell.contracts.deal.DealUpdated;
import org.cosell.contracts.engagement.EngagementDecision;
import org.cosell.contracts.engagement.EngagementRequested;
import org.cosell.contracts.outcome.OpportunityOutcome;
import org.cosell.contracts.outcome.Outcome;
import org.cosell.support.domain.RuleViolation;
import org.cosell.support.outbox.RaisedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cosell.deal.DealFixtures.ACTOR;
import static org.cosell.deal.DealFixtures.CUSTOMER_CONTACT;
import static org.cosell.deal.DealFixtures.ENGAGEMENT_WINDOW;
import static org.cosell.deal.DealFixtures.NOW;
import static org.cosell.deal.DealFixtures.PARTNER_ID;
import static org.cosell.deal.DealFixtures.customer;
import static org.cosell.deal.DealFixtures.help;
import static org.cosell.deal.DealFixtures.referralAccepted;
import static org.cosell.deal.DealFixtures.referralDeclined;
import static org.cosell.deal.DealFixtures.referralExpired;
import static org.cosell.deal.DealFixtures.referralReceived;
import static org.cosell.deal.DealFixtures.registration;
import static org.cosell.deal.DealFixtures.renamed;
import static org.cosell.deal.DealFixtures.terms;

/**
 * Every move of the deal and engagement life cycles from every state, allowed and forbidden. A state
 * is the pair stage / engagement status. In the table, a stage or engagement status is where the
 * move leads (only the dimension the move is about changes), {@code edited} an edit that changed
 * the terms, {@code same} a move that changes nothing and raises nothing (replays, notices that do
 * not apply), {@code refused} a move refused with {@link DealMoveRefused}.
 */
class DealLifecycleTest {

    private static final Instant LATER = NOW.plus(Duration.ofHours(1));

    enum Move {
        ACCEPT_REFERRAL, DECLINE_REFERRAL, EXPIRE_REFERRAL, EDIT, MOVE_SALES_STAGE, REQUEST_COSELL, WIN, LOSE, ENGAGE,
        DECLINE_ENGAGEMENT, EXPIRE_ENGAGEMENT, EXPIRE_ENGAGEMENT_EARLY;

        boolean isAboutEngagement() {
            return this == REQUEST_COSELL || this == ENGAGE || this == DECLINE_ENGAGEMENT || this == EXPIRE_ENGAGEMENT
                    || this == EXPIRE_ENGAGEMENT_EARLY;
        }
    }

    private static final String TABLE = """
            from               ACCEPT_REFERRAL DECLINE_REFERRAL EXPIRE_REFERRAL EDIT    MOVE_SALES_STAGE REQUEST_COSELL WIN     LOSE    ENGAGE  DECLINE_ENGAGEMENT EXPIRE_ENGAGEMENT EXPIRE_ENGAGEMENT_EARLY
            RECEIVED/NONE      ACCEPTED        DECLINED         EXPIRED         refused refused          refused        refused refused refused refused            same              same
            ACCEPTED/NONE      same            same             same            edited  edited           REQUESTED      WON     LOST    refused refused            same              same
            ACCEPTED/REQUESTED same            same             same            edited  edited           refused        WON     LOST    ENGAGED DECLINED           EXPIRED           same
            ACCEPTED/ENGAGED   same            same             same            edited  edited           refused        WON     LOST    refused refused            same              same
            ACCEPTED/DECLINED  same            same             same            edited  edited           REQUESTED      WON     LOST    refused refused            same              same
            ACCEPTED/EXPIRED   same            same             same            edited  edited           REQUESTED      WON     LOST    refused refused            same              same
            WON/NONE           same            same             same            refused refused          refused        refused refused refused refused            same              same
            WON/REQUESTED      same            same             same            refused refused          refused        refused refused refused refused            same              same
            LOST/NONE          same            same             same            refused refused          refused        refused refused refused refused            same              same
            LOST/REQUESTED     same            same             same            refused refused          refused        refused refused refused refused            same              same
            DECLINED/NONE      same            same             same            refused refused          refused        refused refused refused refused            same              same
            EXPIRED/NONE       same            same             same            refused refused          refused        refused refused refused refused            same              same
            """;

    static Stream<Arguments> table() {
        List<String[]> rows = TABLE.lines().map(line -> line.strip().split("\\s+")).toList();
        String[] moves = rows.get(0);
        List<Arguments> cases = new ArrayList<>();
        for (String[] row : rows.subList(1, rows.size())) {
            for (int column = 1; column < moves.length; column++) {
                cases.add(Arguments.of(row[0], Move.valueOf(moves[column]), row[column]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("table")
    void everyMoveFromEveryState(String from, Move move, String expected) {
        Opportunity deal = dealIn(from);
        Stage stageBefore = deal.stage();
        EngagementStatus engagementBefore = deal.microsoftEngagement().status();
        int raisedBefore = deal.raisedEvents().size();

        if (expected.equals("refused")) {
            assertThatThrownBy(() -> apply(move, deal)).isInstanceOfSatisfying(DealMoveRefused.class, refused ->
                    assertThat(refused.from()).isIn(stageBefore, engagementBefore));
            assertThat(state(deal)).isEqualTo(from);
            assertThat(deal.raisedEvents()).hasSize(raisedBefore);
            return;
        }
        boolean changed = apply(move, deal);
        assertThat(changed).isEqualTo(!expected.equals("same"));
        assertThat(deal.raisedEvents().size() == raisedBefore).isEqualTo(expected.equals("same") || isProjection(move));
        if (expected.equals("same") || expected.equals("edited")) {
            assertThat(state(deal)).isEqualTo(from);
        } else if (move.isAboutEngagement()) {
            assertThat(deal.microsoftEngagement().status()).isEqualTo(EngagementStatus.valueOf(expected));
            assertThat(deal.stage()).isEqualTo(stageBefore);
        } else {
            assertThat(deal.stage()).isEqualTo(Stage.valueOf(expected));
            assertThat(deal.microsoftEngagement().status()).isEqualTo(engagementBefore);
        }
    }

    @Test
    void aCosellRequestMakesThePrivateDealCoSellAndTellsMicrosoftWithTheConsentedContact() {
        Opportunity deal = created();
        assertThat(deal.type()).isEqualTo(OpportunityType.PRIVATE_PIPELINE);

        deal.requestCosell(new CosellRequest("Need an architect", null, true, null), ACTOR, NOW.plusMillis(1500), ENGAGEMENT_WINDOW);

        assertThat(deal.type()).isEqualTo(OpportunityType.CO_SELL);
        assertThat(deal.microsoftEngagement().respondBy()).isEqualTo(NOW.plusMillis(1500).plus(ENGAGEMENT_WINDOW));
        List<RaisedEvent> raised = lastRaised(deal, 3);
        assertThat(raised).extracting(RaisedEvent::type).containsExactly(EventType.DEAL_COSELL_REQUESTED,
                EventType.DEAL_ENGAGEMENT_CHANGED, EventType.ENGAGEMENT_REQUESTED);
        EngagementRequested requested = (EngagementRequested) raised.get(2).data();
        assertThat(requested.customer().contact()).isEqualTo(CUSTOMER_CONTACT);
        assertThat(requested.notes()).isEqualTo("Need an architect");
        assertThat(requested.respondBy()).isEqualTo(deal.microsoftEngagement().respondBy());
    }

    @Test
    void aCosellRequestNeedsNotesConsentAndACompleteContact() {
        assertThatThrownBy(() -> created().requestCosell(new CosellRequest(" ", null, true, null), ACTOR, LATER, ENGAGEMENT_WINDOW))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> assertThat(violation.field()).isEqualTo("notes"));
        assertThatThrownBy(() -> created().requestCosell(new CosellRequest("Help", null, false, null), ACTOR, LATER, ENGAGEMENT_WINDOW))
                .isInstanceOfSatisfying(RuleViolation.class,
                        violation -> assertThat(violation.field()).isEqualTo("consentToShareContact"));
        Opportunity withoutPhone = created();
        withoutPhone.edit(terms -> withContact(terms, new Contact("Ada Buyer", null, "ada@contoso.example")), ACTOR, LATER);
        assertThatThrownBy(() -> withoutPhone.requestCosell(new CosellRequest("Help", null, true, null), ACTOR, LATER, ENGAGEMENT_WINDOW))
                .isInstanceOfSatisfying(RuleViolation.class,
                        violation -> assertThat(violation.field()).isEqualTo("customerContact"));

        withoutPhone.requestCosell(new CosellRequest("Help", CUSTOMER_CONTACT, true, null), ACTOR, LATER, ENGAGEMENT_WINDOW);
        assertThat(withoutPhone.customer().contact()).isEqualTo(CUSTOMER_CONTACT);
    }

    @Test
    void winningARegistrationEligibleDealNeedsARegistrationAndCausesTheOneOutcome() {
        Opportunity deal = created();
        assertThatThrownBy(() -> deal.markWon(null, true, ACTOR, LATER, null))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> assertThat(violation.field()).isEqualTo("registration"));
        assertThat(deal.stage()).isEqualTo(Stage.ACCEPTED);

        deal.markWon(registration(), true, ACTOR, LATER, null);

        List<RaisedEvent> raised = lastRaised(deal, 2);
        assertThat(raised).extracting(RaisedEvent::type).containsExactly(EventType.DEAL_WON, EventType.OPPORTUNITY_OUTCOME);
        OpportunityOutcome outcome = (OpportunityOutcome) raised.get(1).data();
        assertThat(outcome.outcome()).isEqualTo(Outcome.WON);
        assertThat(outcome.registration()).isEqualTo(registration());
        assertThat(outcome.dealName()).isEqualTo("Contoso AI pilot");
        assertThat(outcome.occurredAt()).isEqualTo(LATER);
    }

    @Test
    void anAcceptedReferralIsADealWhoseOutcomeNamesTheReferral() {
        UUID id = UUID.randomUUID();
        Opportunity deal = Opportunity.received(referralReceived(id));
        deal.onAccepted(referralAccepted(id));

        deal.markLost(LostReason.NO_BUDGET, "Frozen", ACTOR, LATER, null);

        OpportunityOutcome outcome = (OpportunityOutcome) deal.raisedEvents().get(1).data();
        assertThat(outcome.referralId()).isEqualTo("REF-" + id);
        assertThat(outcome.reason()).isEqualTo("NO_BUDGET");
        assertThat(outcome.notes()).isEqualTo("Frozen");
        assertThat(deal.referral().answeredAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
    }

    @Test
    void theSameAnswerDeliveredAgainChangesNothingAndAnotherAnswerIsRefused() {
        Opportunity deal = dealIn("ACCEPTED/REQUESTED");
        Seller seller = new Seller("Mia Microsoft", "mia@microsoft.example");
        assertThat(deal.answerEngagement(EngagementDecision.ENGAGED, seller, "Happy to help", "event-1", null, null, LATER)).isTrue();
        DealEngagementChanged changed = (DealEngagementChanged) lastRaised(deal, 1).get(0).data();
        assertThat(changed.status()).isEqualTo(EngagementStatus.ENGAGED);
        assertThat(changed.seller()).isEqualTo(seller);
        assertThat(changed.employees()).isNotEmpty();

        assertThat(deal.answerEngagement(EngagementDecision.ENGAGED, seller, "Happy to help", "event-1", null, null, LATER)).isFalse();
        assertThatThrownBy(() -> deal.answerEngagement(EngagementDecision.DECLINED, seller, null, "event-2", null, null, LATER))
                .isInstanceOf(DealMoveRefused.class)
                .hasMessageContaining("ENGAGED").hasMessageContaining("DECLINED");
    }

    @Test
    void aSecondRequestHasItsOwnWindowAndAnswersOrDeadlinesOfTheFirstDoNotTouchIt() {
        Opportunity deal = dealIn("ACCEPTED/DECLINED");
        MicrosoftEngagement first = deal.microsoftEngagement();
        Seller seller = new Seller("Mia Microsoft", "mia@microsoft.example");
        Instant askedAgainAt = NOW.plus(Duration.ofDays(2));

        deal.requestCosell(new CosellRequest("Pricing, please", null, true, HelpType.PRICING), ACTOR, askedAgainAt,
                ENGAGEMENT_WINDOW);

        MicrosoftEngagement second = deal.microsoftEngagement();
        assertThat(second.status()).isEqualTo(EngagementStatus.REQUESTED);
        assertThat(second.requestId()).isNotNull().isNotEqualTo(first.requestId());
        assertThat(second.helpType()).isEqualTo(HelpType.PRICING);
        assertThat(second.respondBy()).isEqualTo(askedAgainAt.plus(ENGAGEMENT_WINDOW));
        assertThat(deal.earlierEngagements()).containsExactly(first);
        EngagementRequested requested = (EngagementRequested) lastRaised(deal, 1).get(0).data();
        assertThat(requested.requestId()).isEqualTo(second.requestId());
        assertThat(requested.helpType()).isEqualTo(HelpType.PRICING);

        assertThat(deal.answerEngagement(EngagementDecision.DECLINED, seller, null, "setup", null, null, LATER))
                .as("the first request's answer delivered again").isFalse();
        assertThatThrownBy(() -> deal.answerEngagement(EngagementDecision.ENGAGED, seller, null, "late-1",
                first.requestId(), null, LATER)).isInstanceOf(DealMoveRefused.class).hasMessageContaining("earlier");
        assertThatThrownBy(() -> deal.answerEngagement(EngagementDecision.ENGAGED, seller, null, "late-2", null,
                askedAgainAt.minusSeconds(1), LATER)).isInstanceOf(DealMoveRefused.class);
        assertThat(deal.expireEngagement(first.respondBy(), second.respondBy().plusSeconds(1))).isFalse();
        assertThat(deal.microsoftEngagement()).isEqualTo(second);

        assertThat(deal.answerEngagement(EngagementDecision.ENGAGED, seller, null, "answer-2", second.requestId(),
                askedAgainAt.plusSeconds(1), LATER.plus(Duration.ofDays(2)))).isTrue();
        assertThat(deal.microsoftEngagement().status()).isEqualTo(EngagementStatus.ENGAGED);
        assertThat(deal.earlierEngagements()).containsExactly(first);
    }

    @Test
    void theSalesStageIsQualifyOnceAcceptedMovesEitherWayAndIsGoneWithTheOutcome() {
        Opportunity deal = created();
        assertThat(deal.salesStage()).isEqualTo(SalesStage.QUALIFY);
        UUID id = UUID.randomUUID();
        Opportunity referral = Opportunity.received(referralReceived(id));
        assertThat(referral.salesStage()).isNull();
        referral.onAccepted(referralAccepted(id));
        assertThat(referral.salesStage()).isEqualTo(SalesStage.QUALIFY);

        assertThat(deal.moveSalesStage(SalesStage.PROPOSE, ACTOR, LATER)).isTrue();
        assertThat(((DealUpdated) lastRaised(deal, 1).get(0).data()).salesStage()).isEqualTo(SalesStage.PROPOSE);
        assertThat(deal.moveSalesStage(SalesStage.PROPOSE, ACTOR, LATER)).isFalse();
        assertThat(deal.moveSalesStage(SalesStage.DEVELOP, ACTOR, LATER)).isTrue();
        deal.requestCosell(help(), ACTOR, LATER, ENGAGEMENT_WINDOW);
        assertThat(deal.salesStage()).isEqualTo(SalesStage.DEVELOP);

        deal.markLost(LostReason.TIMING, null, ACTOR, LATER, null);
        assertThat(deal.salesStage()).isNull();
        assertThatThrownBy(() -> deal.moveSalesStage(SalesStage.CLOSE, ACTOR, LATER)).isInstanceOf(DealMoveRefused.class)
                .hasMessageContaining("LOST");
    }

    @Test
    void anEditThatChangesNothingRaisesNothing() {
        Opportunity deal = created();

        assertThat(deal.edit(terms -> terms, ACTOR, LATER)).isFalse();

        assertThat(deal.raisedEvents()).extracting(RaisedEvent::type).containsExactly(EventType.DEAL_CREATED);
        assertThat(deal.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void timesAreKeptToTheMillisecondMongoKeeps() {
        Opportunity deal = Opportunity.create(UUID.randomUUID(), PARTNER_ID, customer(), terms(), help(), ACTOR,
                Instant.parse("2026-11-24T10:00:00.123456789Z"), ENGAGEMENT_WINDOW);

        assertThat(deal.createdAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00.123Z"));
        assertThat(deal.microsoftEngagement().respondBy()).isEqualTo(Instant.parse("2026-12-08T10:00:00.123Z"));
    }

    private static boolean isProjection(Move move) {
        return move == Move.ACCEPT_REFERRAL || move == Move.DECLINE_REFERRAL || move == Move.EXPIRE_REFERRAL;
    }

    private static boolean apply(Move move, Opportunity deal) {
        UUID id = deal.id();
        Instant respondBy = deal.microsoftEngagement().respondBy();
        Seller seller = new Seller("Mia Microsoft", "mia@microsoft.example");
        switch (move) {
            case ACCEPT_REFERRAL:
                return deal.onAccepted(referralAccepted(id));
            case DECLINE_REFERRAL:
                return deal.onDeclined(referralDeclined(id));
            case EXPIRE_REFERRAL:
                return deal.onExpired(referralExpired(id));
            case EDIT:
                return deal.edit(terms -> renamed(terms, "Renamed"), ACTOR, LATER);
            case MOVE_SALES_STAGE:
                return deal.moveSalesStage(SalesStage.PROPOSE, ACTOR, LATER);
            case REQUEST_COSELL:
                deal.requestCosell(new CosellRequest("Need pricing help", null, true, HelpType.PRICING), ACTOR, LATER,
                        ENGAGEMENT_WINDOW);
                return true;
            case WIN:
                deal.markWon(registration(), true, ACTOR, LATER, null);
                return true;
            case LOSE:
                deal.markLost(LostReason.TIMING, null, ACTOR, LATER, null);
                return true;
            case ENGAGE:
                return deal.answerEngagement(EngagementDecision.ENGAGED, seller, null, "answer-" + UUID.randomUUID(), null, null, LATER);
            case DECLINE_ENGAGEMENT:
                return deal.answerEngagement(EngagementDecision.DECLINED, seller, null, "answer-" + UUID.randomUUID(), null, null, LATER);
            case EXPIRE_ENGAGEMENT:
                return deal.expireEngagement(null, respondBy == null ? LATER : respondBy);
            case EXPIRE_ENGAGEMENT_EARLY:
                return deal.expireEngagement(null, respondBy == null ? LATER : respondBy.minusMillis(1));
            default:
                throw new IllegalArgumentException("No move " + move);
        }
    }

    /** An opportunity in state {@code stage/engagement}, with the events that led there drained. */
    private static Opportunity dealIn(String state) {
        String[] parts = state.split("/");
        Stage stage = Stage.valueOf(parts[0]);
        EngagementStatus engagement = EngagementStatus.valueOf(parts[1]);
        Opportunity deal;
        if (stage == Stage.RECEIVED || stage == Stage.DECLINED || stage == Stage.EXPIRED) {
            UUID id = UUID.randomUUID();
            deal = Opportunity.received(referralReceived(id));
            if (stage == Stage.DECLINED) {
                deal.onDeclined(referralDeclined(id));
            } else if (stage == Stage.EXPIRED) {
                deal.onExpired(referralExpired(id));
            }
        } else {
            deal = created();
            if (engagement != EngagementStatus.NONE) {
                deal.requestCosell(help(), ACTOR, NOW, ENGAGEMENT_WINDOW);
            }
            Seller seller = new Seller("Mia Microsoft", "mia@microsoft.example");
            switch (engagement) {
                case ENGAGED -> deal.answerEngagement(EngagementDecision.ENGAGED, seller, null, "setup", null, null, NOW);
                case DECLINED -> deal.answerEngagement(EngagementDecision.DECLINED, seller, null, "setup", null, null, NOW);
                case EXPIRED -> deal.expireEngagement(null, deal.microsoftEngagement().respondBy());
                case NONE, REQUESTED -> { }
            }
            if (stage == Stage.WON) {
                deal.markWon(null, false, ACTOR, NOW, null);
            } else if (stage == Stage.LOST) {
                deal.markLost(null, null, ACTOR, NOW, null);
            }
        }
        assertThat(state(deal)).isEqualTo(state);
        return deal;
    }

    private static Opportunity created() {
        Opportunity deal = Opportunity.create(UUID.randomUUID(), PARTNER_ID, customer(), terms(), null, ACTOR, NOW,
                ENGAGEMENT_WINDOW);
        assertThat(deal.raisedEvents()).extracting(RaisedEvent::type).containsExactly(EventType.DEAL_CREATED);
        return deal;
    }

    /** The last {@code count} events the deal raised. */
    private static List<RaisedEvent> lastRaised(Opportunity deal, int count) {
        List<RaisedEvent> raised = deal.raisedEvents();
        return raised.subList(raised.size() - count, raised.size());
    }

    private static String state(Opportunity deal) {
        return deal.stage() + "/" + deal.microsoftEngagement().status();
    }

    private static DealTerms withContact(DealTerms terms, Contact contact) {
        return new DealTerms(terms.deal(), contact, terms.consentToShareContact());
    }
}
