package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.common.Actor;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.DeclineReason;
import org.cosell.contracts.common.LostReason;
import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.Seller;
import org.cosell.contracts.deal.DealUpdated;
import org.cosell.contracts.engagement.EngagementDecision;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.support.outbox.RaisedEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.cosell.deal.DealFixtures.ACTOR;
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
import static org.cosell.deal.DealFixtures.terms;

class OpportunityHistoryTest {

    private static final Actor ADA = new Actor("user-ada", "Ada Partner");

    @Test
    void eachMoveOfADealRecordsWhoDidWhatInOrderAndMicrosoftsAnswerNamesNobody() {
        Opportunity deal = Opportunity.create(UUID.randomUUID(), PARTNER_ID, customer(), terms(), help(), ACTOR, NOW,
                ENGAGEMENT_WINDOW);
        deal.edit(terms -> withValue(terms, "45000.00"), ADA, NOW.plusSeconds(60));
        deal.answerEngagement(EngagementDecision.ENGAGED, new Seller("Sam Seller", "sam@microsoft.example"), "On it",
                "answer-1", null, null, NOW.plusSeconds(120));
        deal.markWon(registration(), true, ADA, NOW.plusSeconds(180), null);

        assertThat(deal.activity()).extracting(Activity::kind, Activity::actor, Activity::at).containsExactly(
                tuple(ActivityKind.CREATED, ACTOR, NOW),
                tuple(ActivityKind.COSELL_REQUESTED, ACTOR, NOW),
                tuple(ActivityKind.EDITED, ADA, NOW.plusSeconds(60)),
                tuple(ActivityKind.ENGAGEMENT_ANSWERED, null, NOW.plusSeconds(120)),
                tuple(ActivityKind.WON, ADA, NOW.plusSeconds(180)));
        assertThat(deal.activity().get(3).summary()).isEqualTo("Microsoft engaged (Sam Seller)");
    }

    @Test
    void anEditNamesEachFieldItChangedWithItsValuesAndItsEventNamesThePerson() {
        Opportunity deal = Opportunity.create(UUID.randomUUID(), PARTNER_ID, customer(), terms(), null, ACTOR, NOW,
                ENGAGEMENT_WINDOW);
        deal.raisedEvents();

        deal.edit(terms -> withValue(withoutCampaign(terms), "45000.00"), ADA, NOW.plusSeconds(60));

        Activity edited = deal.activity().get(1);
        assertThat(edited.kind()).isEqualTo(ActivityKind.EDITED);
        assertThat(edited.summary()).isEqualTo("Edited estimatedValue, campaignId");
        assertThat(edited.changes()).containsExactly(
                new FieldChange("estimatedValue", "30000.00 EUR", "45000.00 EUR"),
                new FieldChange("campaignId", "CAMP-1", null));
        assertThat(deal.raisedEvents()).extracting(RaisedEvent::data).last()
                .isInstanceOfSatisfying(DealUpdated.class, updated -> assertThat(updated.actor()).isEqualTo(ADA));
    }

    @Test
    void anEditThatChangesNothingRecordsNothing() {
        Opportunity deal = Opportunity.create(UUID.randomUUID(), PARTNER_ID, customer(), terms(), null, ACTOR, NOW,
                ENGAGEMENT_WINDOW);

        deal.edit(terms -> terms, ADA, NOW.plusSeconds(60));

        assertThat(deal.activity()).extracting(Activity::kind).containsExactly(ActivityKind.CREATED);
    }

    @Test
    void aLongValueIsCutInTheHistory() {
        Opportunity deal = Opportunity.create(UUID.randomUUID(), PARTNER_ID, customer(), terms(), null, ACTOR, NOW,
                ENGAGEMENT_WINDOW);

        deal.edit(terms -> withNotes(terms, "x".repeat(5000)), ADA, NOW.plusSeconds(60));

        assertThat(deal.activity().get(1).changes().get(0).to()).hasSize(FieldChange.MAX_VALUE_LENGTH).endsWith("…");
    }

    @Test
    void aReferralsArrivalIsTheSystemsMoveAndTheAcceptanceThePersons() {
        UUID id = UUID.randomUUID();
        Opportunity opportunity = Opportunity.received(referralReceived(id));
        opportunity.onAccepted(referralAccepted(id));
        opportunity.markLost(LostReason.TIMING, null, ADA, NOW.plus(Duration.ofDays(1)), null);

        assertThat(opportunity.activity()).extracting(Activity::kind, Activity::actor).containsExactly(
                tuple(ActivityKind.RECEIVED, null), tuple(ActivityKind.ACCEPTED, ACTOR), tuple(ActivityKind.LOST, ADA));
        assertThat(opportunity.activity().get(0).summary()).isEqualTo("Referral received from Sam Seller");
    }

    @Test
    void anAcceptanceThatOvertookTheArrivalStillListsTheArrivalFirstAndOnce() {
        UUID id = UUID.randomUUID();
        Opportunity opportunity = Opportunity.accepted(referralAccepted(id));

        assertThat(opportunity.onReceived(referralReceived(id))).isTrue();
        assertThat(opportunity.onReceived(referralReceived(id))).isFalse();
        assertThat(opportunity.onAccepted(referralAccepted(id))).isFalse();

        assertThat(opportunity.activity()).extracting(Activity::kind)
                .containsExactly(ActivityKind.RECEIVED, ActivityKind.ACCEPTED);
    }

    @Test
    void theSendersNotesStayAsTheyArrivedWhenTheAcceptanceBringsItsOwn() {
        UUID id = UUID.randomUUID();
        Opportunity opportunity = Opportunity.received(referralReceived(id));

        opportunity.onAccepted(referralAccepted(id));

        assertThat(opportunity.referral().senderNotes()).isEqualTo("Wants a pilot");
        assertThat(opportunity.details().notes()).isEqualTo("Pilot first");
    }

    @Test
    void aDeclineKeepsItsReasonAndNotesAsTheClosingAndNamesWhoDeclined() {
        UUID id = UUID.randomUUID();
        Opportunity opportunity = Opportunity.received(referralReceived(id));
        ReferralDeclined declined = referralDeclined(id);

        opportunity.onDeclined(new ReferralDeclined(id, declined.referralId(), declined.partnerId(), declined.sender(),
                DeclineReason.OTHER, "Outside our region", declined.receivedAt(), declined.declinedAt(), ADA));

        assertThat(opportunity.closing()).isEqualTo(new Opportunity.Closing(declined.declinedAt(), null,
                "Outside our region", null, DeclineReason.OTHER));
        assertThat(opportunity.activity()).extracting(Activity::kind, Activity::actor)
                .containsExactly(tuple(ActivityKind.RECEIVED, null), tuple(ActivityKind.DECLINED, ADA));
    }

    @Test
    void anExpiryIsTheSystemsMove() {
        UUID id = UUID.randomUUID();
        Opportunity opportunity = Opportunity.received(referralReceived(id));

        opportunity.onExpired(referralExpired(id));

        assertThat(opportunity.activity()).extracting(Activity::kind, Activity::actor)
                .containsExactly(tuple(ActivityKind.RECEIVED, null), tuple(ActivityKind.EXPIRED, null));
    }

    @Test
    void anUnansweredCosellRequestExpiresAsTheSystemsMove() {
        Opportunity deal = Opportunity.create(UUID.randomUUID(), PARTNER_ID, customer(), terms(), help(), ACTOR, NOW,
                ENGAGEMENT_WINDOW);

        deal.expireEngagement(null, NOW.plus(ENGAGEMENT_WINDOW));

        assertThat(deal.activity()).extracting(Activity::kind, Activity::actor).last()
                .isEqualTo(tuple(ActivityKind.ENGAGEMENT_EXPIRED, null));
    }

    @Test
    void notesAreAddedWhileTheOpportunityIsOpenAndRecordedInTheHistoryWithoutTouchingTheDeal() {
        UUID id = UUID.randomUUID();
        Opportunity opportunity = Opportunity.received(referralReceived(id));
        Instant updatedAt = opportunity.updatedAt();

        Note note = opportunity.addNote("Call the customer on Monday", ADA, NOW.plusSeconds(30));

        assertThat(opportunity.notes()).containsExactly(note);
        assertThat(note.author()).isEqualTo(ADA);
        assertThat(note.at()).isEqualTo(NOW.plusSeconds(30));
        assertThat(opportunity.updatedAt()).isEqualTo(updatedAt);
        assertThat(opportunity.raisedEvents()).isEmpty();
        assertThat(opportunity.activity()).extracting(Activity::kind, Activity::actor).last()
                .isEqualTo(tuple(ActivityKind.NOTE_ADDED, ADA));

        opportunity.onDeclined(referralDeclined(id));
        assertThatThrownBy(() -> opportunity.addNote("Too late", ADA, NOW.plusSeconds(60)))
                .isInstanceOfSatisfying(DealMoveRefused.class,
                        refused -> assertThat(refused.move()).isEqualTo(DealMove.ADD_NOTE));
        assertThat(opportunity.notes()).hasSize(1);
    }

    @Test
    void anOpportunityHoldsAtMostItsCapOfNotes() {
        Opportunity deal = Opportunity.create(UUID.randomUUID(), PARTNER_ID, customer(), terms(), null, ACTOR, NOW,
                ENGAGEMENT_WINDOW);
        for (int i = 0; i < Opportunity.MAX_NOTES; i++) {
            deal.addNote("Note " + i, ADA, NOW.plusSeconds(i));
        }

        assertThatThrownBy(() -> deal.addNote("One too many", ADA, NOW.plusSeconds(1000)))
                .isInstanceOf(NoteLimitReached.class).hasMessageContaining("at most 500 notes");
        assertThat(deal.notes()).hasSize(Opportunity.MAX_NOTES);
    }

    @Test
    void aFullHistoryKeepsItsFirstEntryAndTheLatestAndCountsTheOnesLetGo() {
        Opportunity deal = Opportunity.create(UUID.randomUUID(), PARTNER_ID, customer(), terms(), null, ACTOR, NOW,
                ENGAGEMENT_WINDOW);
        int edits = Opportunity.MAX_ACTIVITY + 10;
        for (int edit = 1; edit <= edits; edit++) {
            String value = edit + ".00";
            deal.edit(terms -> withValue(terms, value), ADA, NOW.plusSeconds(edit));
        }

        assertThat(deal.activity()).hasSize(Opportunity.MAX_ACTIVITY);
        assertThat(deal.activity().get(0).kind()).isEqualTo(ActivityKind.CREATED);
        assertThat(deal.activity().get(1).at()).isEqualTo(NOW.plusSeconds(edits - Opportunity.MAX_ACTIVITY + 2));
        assertThat(deal.activity().get(Opportunity.MAX_ACTIVITY - 1).at()).isEqualTo(NOW.plusSeconds(edits));
        assertThat(deal.activityOmitted()).isEqualTo(edits + 1 - Opportunity.MAX_ACTIVITY);
    }

    @Test
    void anEntryRecordedForAnEarlierTimeTakesItsPlaceInTheHistory() {
        Opportunity deal = Opportunity.create(UUID.randomUUID(), PARTNER_ID, customer(), terms(), null, ACTOR, NOW,
                ENGAGEMENT_WINDOW);
        deal.markLost(LostReason.TIMING, null, ADA, NOW.plusSeconds(120), null);

        deal.recordActivity(NOW.plusSeconds(60), ActivityKind.SALES_STAGE_CHANGED, ADA, "Sales stage DEVELOP", List.of());

        assertThat(deal.activity()).extracting(Activity::kind).containsExactly(ActivityKind.CREATED,
                ActivityKind.SALES_STAGE_CHANGED, ActivityKind.LOST);
    }

    private static DealTerms withValue(DealTerms terms, String amount) {
        DealDetails deal = terms.deal();
        return new DealTerms(new DealDetails(deal.name(),
                new Money(new BigDecimal(amount), deal.estimatedValue().currency()), deal.estimatedCloseDate(),
                deal.notes(), deal.crmId(), deal.campaignId(), deal.employees(), deal.solutions()),
                terms.customerContact(), terms.consentToShareContact());
    }

    private static DealTerms withoutCampaign(DealTerms terms) {
        DealDetails deal = terms.deal();
        return new DealTerms(new DealDetails(deal.name(), deal.estimatedValue(),
                deal.estimatedCloseDate(), deal.notes(), deal.crmId(), null, deal.employees(), deal.solutions()),
                terms.customerContact(), terms.consentToShareContact());
    }

    private static DealTerms withNotes(DealTerms terms, String notes) {
        DealDetails deal = terms.deal();
        return new DealTerms(new DealDetails(deal.name(), deal.estimatedValue(),
                deal.estimatedCloseDate(), notes, deal.crmId(), deal.campaignId(), deal.employees(), deal.solutions()),
                terms.customerContact(), terms.consentToShareContact());
    }
}
