package org.cosell.deal.opportunity.application;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.cosell.contracts.common.DeclineReason;
import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.common.HelpType;
import org.cosell.contracts.common.LostReason;
import org.cosell.contracts.common.Origin;
import org.cosell.contracts.common.SalesStage;
import org.cosell.contracts.common.Seller;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.contracts.engagement.EngagementDecision;
import org.cosell.deal.DealApi;
import org.cosell.deal.DealFixtures;
import org.cosell.deal.opportunity.domain.Activity;
import org.cosell.deal.opportunity.domain.ActivityKind;
import org.cosell.deal.opportunity.domain.Note;
import org.cosell.deal.opportunity.domain.CosellRequest;
import org.cosell.deal.opportunity.domain.Opportunity;
import org.cosell.deal.opportunity.domain.Stage;
import org.cosell.deal.opportunity.domain.Tab;
import org.cosell.support.idempotency.IdempotentRequest;
import org.cosell.testsupport.CosellServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cosell.deal.DealFixtures.ENGAGEMENT_WINDOW;
import static org.cosell.deal.DealFixtures.NOW;

/**
 * The stored shape of an opportunity is a contract with every document already in the database:
 * the field names, their nesting and their BSON types are pinned here as they were written before
 * the aggregate was split into its parts, and a document in that shape, written as raw BSON, loads.
 * The history, the notes, the sender's notes and a decline's closing came later: a document without
 * them loads with none.
 */
@CosellServiceTest
class OpportunityDocumentIT {

    private static final String CLASS = "_class:STRING";
    private static final String ENVELOPE = "_id:BINARY version:INT64";
    private static final String DEAL = """
            campaignId:STRING createdAt:DATE_TIME crmId:STRING
            customer.address.city:STRING customer.address.country:STRING customer.address.postalCode:STRING
            customer.address.region:STRING customer.address.street:STRING
            customer.consentToShareContact:BOOLEAN customer.contact.email:STRING customer.contact.name:STRING
            customer.contact.phone:STRING customer.dunsNumber:STRING customer.name:STRING
            employees:ARRAY employees[].email:STRING employees[].name:STRING employees[].phone:STRING
            estimatedCloseDate:DATE_TIME estimatedValue.amount:DECIMAL128 estimatedValue.currency:STRING
            name:STRING notes:STRING origin:STRING partnerId:STRING
            solutions:ARRAY solutions[]._id:STRING solutions[].name:STRING solutions[].type:STRING
            stage:STRING type:STRING updatedAt:DATE_TIME""";
    private static final String PENDING_EVENTS = "pendingEvents:ARRAY";
    private static final String ENGAGEMENT = """
            microsoftEngagement.answerEventId:STRING microsoftEngagement.answeredAt:DATE_TIME
            microsoftEngagement.notes:STRING microsoftEngagement.requestedAt:DATE_TIME
            microsoftEngagement.respondBy:DATE_TIME microsoftEngagement.seller.email:STRING
            microsoftEngagement.seller.name:STRING microsoftEngagement.sellerNotes:STRING
            microsoftEngagement.status:STRING""";
    /** Added since: which of the deal's requests it is, and the kind of help (when the request says). */
    private static final String REQUEST_ID = "microsoftEngagement.requestId:BINARY";
    private static final String NO_ENGAGEMENT = "microsoftEngagement.status:STRING";
    /** Added since, stored while ACCEPTED only. */
    private static final String SALES_STAGE = "salesStage:STRING";
    private static final String WON = """
            closedWith.fingerprint:STRING closedWith.key:STRING closing.closedAt:DATE_TIME
            closing.registration.contractSignedDate:DATE_TIME
            closing.registration.finalValue.amount:DECIMAL128 closing.registration.finalValue.currency:STRING
            closing.registration.notes:STRING""";
    private static final String REFERRAL = """
            answeredAt:DATE_TIME receivedAt:DATE_TIME referralId:STRING
            sender.email:STRING sender.kind:STRING sender.name:STRING""";
    /** The history, its first entry a person's move, and no notes yet. */
    private static final String HISTORY = """
            activity:ARRAY activity[].actor.name:STRING activity[].actor.sub:STRING activity[].at:DATE_TIME
            activity[].changes:ARRAY activity[].kind:STRING activity[].summary:STRING partnerNotes:ARRAY""";
    /** The history, its first entry the system's move (a referral's arrival), and no notes yet. */
    private static final String SYSTEM_HISTORY = """
            activity:ARRAY activity[].at:DATE_TIME activity[].changes:ARRAY activity[].kind:STRING
            activity[].summary:STRING partnerNotes:ARRAY""";

    @Autowired
    MongoTemplate mongo;

    @Autowired
    OpportunityStore store;

    @Autowired
    OpportunityQueries queries;

    @Autowired
    OpportunityCommands commands;

    @Test
    void anOutboundDealWonAfterMicrosoftEngagedIsStoredInItsEstablishedShape() {
        Opportunity deal = Opportunity.create(UUID.randomUUID(), DealApi.uniquePartnerId(), DealFixtures.customer(),
                DealFixtures.terms(), DealFixtures.help(), DealFixtures.ACTOR, NOW, ENGAGEMENT_WINDOW);
        deal.answerEngagement(EngagementDecision.ENGAGED, new Seller("Sam Seller", "sam@microsoft.example"), "On it", "answer-1", null, null, NOW.plusSeconds(60));
        deal.markWon(DealFixtures.registration(), true, DealFixtures.ACTOR, NOW.plusSeconds(120), IdempotentRequest.of("key-1", "won", "{}"));
        // written once, after the moves: a replace would race the outbox relay removing the insert's events
        store.insertSkippingDuplicates(List.of(deal));

        assertThat(shapeOf(deal.id())).isEqualTo(shape(CLASS, ENVELOPE, DEAL, PENDING_EVENTS, ENGAGEMENT, REQUEST_ID, WON, HISTORY));
        assertThat(mongo.getCollection(store.collection()).find(new Document("_id", deal.id())).first())
                .containsEntry("_class", "org.cosell.deal.opportunity.Opportunity");
    }

    @Test
    void aLostDealWithoutEngagementKeepsTheReasonInItsClosing() {
        Opportunity deal = Opportunity.create(UUID.randomUUID(), DealApi.uniquePartnerId(), DealFixtures.customer(),
                DealFixtures.terms(), null, DealFixtures.ACTOR, NOW, ENGAGEMENT_WINDOW);
        deal.markLost(LostReason.NO_BUDGET, "Too dear", DealFixtures.ACTOR, NOW.plusSeconds(60), null);
        store.insertSkippingDuplicates(List.of(deal));

        assertThat(shapeOf(deal.id())).isEqualTo(shape(CLASS, ENVELOPE, DEAL, PENDING_EVENTS, NO_ENGAGEMENT, HISTORY,
                "closing.closedAt:DATE_TIME closing.lostReason:STRING closing.notes:STRING"));
    }

    @Test
    void anAcceptedReferralKeepsWhatTheReferralToldAtTheTopLevel() {
        UUID id = UUID.randomUUID();
        Opportunity opportunity = Opportunity.received(DealFixtures.referralReceived(id));
        opportunity.onAccepted(DealFixtures.referralAccepted(id));
        store.insertSkippingDuplicates(List.of(opportunity));

        assertThat(shapeOf(id)).isEqualTo(shape(CLASS, ENVELOPE, DEAL, PENDING_EVENTS, NO_ENGAGEMENT, REFERRAL,
                SYSTEM_HISTORY, SALES_STAGE, "senderNotes:STRING").replace(" campaignId:STRING", ""));
    }

    @Test
    void aDealThatAskedAgainKeepsItsEarlierRequestBesideTheCurrentOne() {
        Opportunity deal = Opportunity.create(UUID.randomUUID(), DealApi.uniquePartnerId(), DealFixtures.customer(),
                DealFixtures.terms(), DealFixtures.help(), DealFixtures.ACTOR, NOW, ENGAGEMENT_WINDOW);
        deal.answerEngagement(EngagementDecision.DECLINED, new Seller("Sam Seller", "sam@microsoft.example"), "No capacity",
                "answer-1", null, null, NOW.plusSeconds(60));
        deal.requestCosell(new CosellRequest("Pricing, please", null, true, HelpType.PRICING), DealFixtures.ACTOR, NOW.plusSeconds(120),
                ENGAGEMENT_WINDOW);
        deal.moveSalesStage(SalesStage.PROPOSE, DealFixtures.ACTOR, NOW.plusSeconds(180));
        store.insertSkippingDuplicates(List.of(deal));

        assertThat(shapeOf(deal.id())).isEqualTo(shape(CLASS, ENVELOPE, DEAL, PENDING_EVENTS, SALES_STAGE, HISTORY, """
                microsoftEngagement.helpType:STRING microsoftEngagement.notes:STRING
                microsoftEngagement.requestId:BINARY microsoftEngagement.requestedAt:DATE_TIME
                microsoftEngagement.respondBy:DATE_TIME microsoftEngagement.status:STRING
                earlierEngagements:ARRAY earlierEngagements[].answerEventId:STRING
                earlierEngagements[].answeredAt:DATE_TIME earlierEngagements[].notes:STRING
                earlierEngagements[].requestId:BINARY earlierEngagements[].requestedAt:DATE_TIME
                earlierEngagements[].respondBy:DATE_TIME earlierEngagements[].seller.email:STRING
                earlierEngagements[].seller.name:STRING earlierEngagements[].sellerNotes:STRING
                earlierEngagements[].status:STRING"""));
        Opportunity loaded = store.findById(deal.id()).orElseThrow();
        assertThat(loaded.earlierEngagements()).isEqualTo(deal.earlierEngagements());
        assertThat(loaded.microsoftEngagement()).isEqualTo(deal.microsoftEngagement());
        assertThat(loaded.salesStage()).isEqualTo(SalesStage.PROPOSE);
    }

    @Test
    void anAcceptedDealStoredBeforeSalesStagesAndRequestIdsQualifiesAndTakesAnswersToItsRequest() {
        UUID id = UUID.randomUUID();
        String partnerId = DealApi.uniquePartnerId();
        Document document = Document.parse("""
                {"_class": "org.cosell.deal.opportunity.Opportunity", "version": {"$numberLong": "1"},
                 "partnerId": "%s", "createdAt": {"$date": "2026-11-20T08:00:00Z"},
                 "updatedAt": {"$date": "2026-11-22T10:00:00Z"}, "origin": "OUTBOUND", "type": "CO_SELL",
                 "stage": "ACCEPTED", "name": "Contoso AI pilot",
                 "estimatedValue": {"amount": {"$numberDecimal": "30000.00"}, "currency": "EUR"},
                 "customer": {"name": "Contoso Ltd", "consentToShareContact": true}, "employees": [], "solutions": [],
                 "microsoftEngagement": {"status": "REQUESTED", "requestedAt": {"$date": "2026-11-22T10:00:00Z"},
                                         "respondBy": {"$date": "2026-12-06T10:00:00Z"}, "notes": "Need an architect"},
                 "pendingEvents": []}""".formatted(partnerId));
        document.put("_id", id);
        mongo.getCollection(store.collection()).insertOne(document);

        Opportunity loaded = store.findById(id).orElseThrow();

        assertThat(loaded.salesStage()).isEqualTo(SalesStage.QUALIFY);
        assertThat(loaded.earlierEngagements()).isEmpty();
        assertThat(loaded.microsoftEngagement().requestId()).isNull();
        assertThat(queries.list(partnerId, Tab.OUTBOUND, null, new OpportunityFilter(null, null, null, null, null, null,
                null, null, null, null, null, null, SalesStage.QUALIFY), PageRequest.of(0, 10)).getContent())
                .extracting(Opportunity::id).containsExactly(id);
        assertThat(loaded.answerEngagement(EngagementDecision.ENGAGED, new Seller("Sam Seller", "sam@microsoft.example"),
                null, "answer-1", null, Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:00:01Z")))
                .isTrue();
    }

    @Test
    void aReceivedReferralWithoutSuggestionStoresEmptyListsAndItsDeadline() {
        UUID id = UUID.randomUUID();
        ReferralReceived withSuggestion = DealFixtures.referralReceived(id);
        ReferralReceived referral = new ReferralReceived(id, withSuggestion.referralId(), withSuggestion.partnerId(),
                withSuggestion.sender(), withSuggestion.customer(), null, withSuggestion.receivedAt(),
                withSuggestion.respondBy());
        store.insertSkippingDuplicates(List.of(Opportunity.received(referral)));

        assertThat(shapeOf(id)).isEqualTo(shape(CLASS, ENVELOPE, PENDING_EVENTS, NO_ENGAGEMENT, SYSTEM_HISTORY, """
                createdAt:DATE_TIME customer.address.city:STRING customer.address.country:STRING
                customer.address.postalCode:STRING customer.address.region:STRING customer.address.street:STRING
                customer.consentToShareContact:BOOLEAN customer.contact.email:STRING customer.contact.name:STRING
                customer.contact.phone:STRING customer.dunsNumber:STRING customer.name:STRING employees:ARRAY
                origin:STRING partnerId:STRING receivedAt:DATE_TIME referralId:STRING respondBy:DATE_TIME
                sender.email:STRING sender.kind:STRING sender.name:STRING solutions:ARRAY stage:STRING type:STRING updatedAt:DATE_TIME"""));
    }

    @Test
    void aDocumentWrittenInTheEstablishedShapeLoadsWithEveryPart() {
        UUID id = UUID.randomUUID();
        String partnerId = DealApi.uniquePartnerId();
        Document document = Document.parse("""
                {"_class": "org.cosell.deal.opportunity.Opportunity", "version": {"$numberLong": "3"},
                 "partnerId": "%s", "createdAt": {"$date": "2026-11-20T08:00:00Z"},
                 "updatedAt": {"$date": "2026-11-24T10:02:00Z"}, "referralId": "ref-7",
                 "sender": {"kind": "MICROSOFT", "name": "Microsoft"}, "receivedAt": {"$date": "2026-11-20T08:00:00Z"},
                 "answeredAt": {"$date": "2026-11-21T09:00:00Z"}, "origin": "INBOUND", "type": "CO_SELL",
                 "stage": "WON", "name": "Contoso AI pilot",
                 "estimatedValue": {"amount": {"$numberDecimal": "30000.00"}, "currency": "EUR"},
                 "estimatedCloseDate": {"$date": "2027-06-30T00:00:00Z"}, "crmId": "CRM-1", "campaignId": "CAMP-1",
                 "notes": "Pilot first",
                 "customer": {"name": "Contoso Ltd", "dunsNumber": "123456789",
                              "address": {"street": "1 Main Street", "city": "Seattle", "country": "US"},
                              "contact": {"name": "Ada Buyer", "phone": "+1 206 555 0100", "email": "ada@contoso.example"},
                              "consentToShareContact": true},
                 "employees": [{"name": "Pat Partner", "phone": "+1 425 555 0199", "email": "pat@fabrikam.example"}],
                 "solutions": [{"_id": "sol-azure-ai", "name": "Azure AI Foundry", "type": "MICROSOFT"}],
                 "microsoftEngagement": {"status": "ENGAGED", "requestedAt": {"$date": "2026-11-22T10:00:00Z"},
                                         "respondBy": {"$date": "2026-12-06T10:00:00Z"}, "notes": "Need an architect",
                                         "seller": {"name": "Sam Seller", "email": "sam@microsoft.example"},
                                         "sellerNotes": "On it", "answeredAt": {"$date": "2026-11-23T10:00:00Z"},
                                         "answerEventId": "answer-1"},
                 "closing": {"closedAt": {"$date": "2026-11-24T10:02:00Z"},
                             "registration": {"finalValue": {"amount": {"$numberDecimal": "28000.00"}, "currency": "EUR"},
                                              "contractSignedDate": {"$date": "2026-11-20T00:00:00Z"}}},
                 "closedWith": {"key": "key-1", "fingerprint": "f1"},
                 "pendingEvents": []}""".formatted(partnerId));
        document.put("_id", id);
        mongo.getCollection(store.collection()).insertOne(document);

        Opportunity loaded = store.findById(id).orElseThrow();

        assertThat(loaded.version()).isEqualTo(3);
        assertThat(loaded.partnerId()).isEqualTo(partnerId);
        assertThat(loaded.origin()).isEqualTo(Origin.INBOUND);
        assertThat(loaded.stage()).isEqualTo(Stage.WON);
        assertThat(loaded.referral().referralId()).isEqualTo("ref-7");
        assertThat(loaded.referral().sender().name()).isEqualTo("Microsoft");
        assertThat(loaded.referral().receivedAt()).isEqualTo("2026-11-20T08:00:00Z");
        assertThat(loaded.referral().answeredAt()).isEqualTo("2026-11-21T09:00:00Z");
        assertThat(loaded.referral().respondBy()).isNull();
        assertThat(loaded.terms()).isEqualTo(DealFixtures.terms());
        assertThat(loaded.customer().address().city()).isEqualTo("Seattle");
        assertThat(loaded.microsoftEngagement().status()).isEqualTo(EngagementStatus.ENGAGED);
        assertThat(loaded.microsoftEngagement().seller().name()).isEqualTo("Sam Seller");
        assertThat(loaded.microsoftEngagement().answerEventId()).isEqualTo("answer-1");
        assertThat(loaded.microsoftEngagement().respondBy()).isEqualTo("2026-12-06T10:00:00Z");
        assertThat(loaded.closing().registration().finalValue().amount()).isEqualByComparingTo("28000.00");
        assertThat(loaded.closedWith()).isEqualTo(new IdempotentRequest("key-1", "f1"));
        assertThat(loaded.createdAt()).isEqualTo("2026-11-20T08:00:00Z");
        assertThat(loaded.updatedAt()).isEqualTo("2026-11-24T10:02:00Z");
        assertThat(loaded.activity()).isEmpty();
        assertThat(loaded.notes()).isEmpty();
        assertThat(loaded.referral().senderNotes()).isNull();
        assertThat(loaded.closing().declineReason()).isNull();
    }

    @Test
    void aDeclinedReferralKeepsItsReasonAndNotesInItsClosing() {
        UUID id = UUID.randomUUID();
        Opportunity opportunity = Opportunity.received(DealFixtures.referralReceived(id));
        ReferralDeclined declined = DealFixtures.referralDeclined(id);
        opportunity.onDeclined(new ReferralDeclined(id, declined.referralId(), declined.partnerId(), declined.sender(),
                DeclineReason.OTHER, "Outside our region", declined.receivedAt(), declined.declinedAt(),
                DealFixtures.ACTOR));
        store.insertSkippingDuplicates(List.of(opportunity));

        assertThat(shapeOf(id)).contains("closing.closedAt:DATE_TIME closing.declineReason:STRING closing.notes:STRING");
        assertThat(store.findById(id).orElseThrow().closing().declineReason()).isEqualTo(DeclineReason.OTHER);
    }

    @Test
    void aNoteIsStoredWithItsIdTimeAuthorAndText() {
        Opportunity deal = Opportunity.create(UUID.randomUUID(), DealApi.uniquePartnerId(), DealFixtures.customer(),
                DealFixtures.terms(), null, DealFixtures.ACTOR, NOW, ENGAGEMENT_WINDOW);
        deal.addNote("Call the customer on Monday", DealFixtures.ACTOR, NOW.plusSeconds(60));
        store.insertSkippingDuplicates(List.of(deal));

        assertThat(shapeOf(deal.id())).contains("partnerNotes:ARRAY partnerNotes[]._id:BINARY "
                + "partnerNotes[].at:DATE_TIME partnerNotes[].author.name:STRING partnerNotes[].author.sub:STRING "
                + "partnerNotes[].text:STRING");
        assertThat(store.findById(deal.id()).orElseThrow().notes()).isEqualTo(deal.notes());
    }

    @Test
    void aFullHistoryIsStoredWithTheCountOfEntriesItLetGoAndReadBackSo() {
        String partnerId = DealApi.uniquePartnerId();
        Opportunity deal = Opportunity.create(UUID.randomUUID(), partnerId, DealFixtures.customer(),
                DealFixtures.terms(), null, DealFixtures.ACTOR, NOW, ENGAGEMENT_WINDOW);
        for (int edit = 1; edit <= Opportunity.MAX_ACTIVITY + 1; edit++) {
            String name = "Renamed " + edit;
            deal.edit(terms -> DealFixtures.renamed(terms, name), DealFixtures.ACTOR, NOW.plusSeconds(edit));
        }
        store.insertSkippingDuplicates(List.of(deal));

        assertThat(shapeOf(deal.id())).contains("activityOmitted:INT32");
        Opportunity stored = store.findById(deal.id()).orElseThrow();
        assertThat(stored.activity()).hasSize(Opportunity.MAX_ACTIVITY).first()
                .extracting(Activity::kind).isEqualTo(ActivityKind.CREATED);
        assertThat(stored.activityOmitted()).isEqualTo(2);
    }

    /**
     * A list reads opportunities without their history and notes; a change reads the whole
     * opportunity, so what it writes back keeps both.
     */
    @Test
    void aListLeavesTheHistoryAndNotesOutAndAChangeAfterItKeepsThem() {
        String partnerId = DealApi.uniquePartnerId();
        Opportunity deal = Opportunity.create(UUID.randomUUID(), partnerId, DealFixtures.customer(),
                DealFixtures.terms(), null, DealFixtures.ACTOR, NOW, ENGAGEMENT_WINDOW);
        store.insertSkippingDuplicates(List.of(deal));
        commands.addNote(partnerId, deal.id(), DealFixtures.ACTOR, "Call the customer on Monday");

        Opportunity listed = queries.list(partnerId, Tab.OUTBOUND, null, OpportunityFilter.NONE, PageRequest.of(0, 10))
                .getContent().get(0);
        assertThat(listed.activity()).isEmpty();
        assertThat(listed.notes()).isEmpty();

        commands.edit(partnerId, deal.id(), null, DealFixtures.ACTOR, terms -> DealFixtures.renamed(terms, "Renamed"), null);

        Opportunity stored = store.findById(deal.id()).orElseThrow();
        assertThat(stored.notes()).extracting(Note::text).containsExactly("Call the customer on Monday");
        assertThat(stored.activity()).extracting(Activity::kind)
                .containsExactly(ActivityKind.CREATED, ActivityKind.NOTE_ADDED, ActivityKind.EDITED);
    }

    private static String shape(String... parts) {
        return String.join(" ", new TreeSet<>(List.of(String.join(" ", parts).split("\\s+"))));
    }

    /** Every field path of the stored document with its BSON type; an array's elements as {@code path[]}. */
    private String shapeOf(UUID id) {
        BsonDocument stored = mongo.getCollection(store.collection()).withDocumentClass(BsonDocument.class)
                .find(new Document("_id", id)).first();
        assertThat(stored).isNotNull();
        TreeSet<String> paths = new TreeSet<>();
        collect("", stored, paths);
        return String.join(" ", paths);
    }

    private static void collect(String prefix, BsonDocument document, TreeSet<String> paths) {
        for (Map.Entry<String, BsonValue> field : document.entrySet()) {
            String path = prefix + field.getKey();
            BsonValue value = field.getValue();
            if (value.isDocument()) {
                collect(path + ".", value.asDocument(), paths);
                continue;
            }
            paths.add(path + ":" + value.getBsonType());
            // The pending events are the outbox's shape, not the opportunity's.
            if (value.isArray() && !path.equals("pendingEvents") && !value.asArray().isEmpty()
                    && value.asArray().get(0).isDocument()) {
                collect(path + "[].", value.asArray().get(0).asDocument(), paths);
            }
        }
    }
}
