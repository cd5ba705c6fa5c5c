package org.cosell.deal;

import org.cosell.contracts.EventType;
import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.deal.opportunity.application.OpportunityStore;
import org.cosell.deal.opportunity.application.PartlyProjected;
import org.cosell.deal.opportunity.application.ReferralProjection;
import org.cosell.deal.opportunity.domain.Opportunity;
import org.cosell.deal.opportunity.domain.Stage;
import org.cosell.support.kafka.CloudEventCodec;
import org.cosell.support.kafka.InvalidEventException;
import org.cosell.support.outbox.EventRecorder;
import org.cosell.support.outbox.OutboxRelay;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The projection of a batch of referral events, called directly: how several events for one
 * opportunity compose, what happens when someone else writes an opportunity between the batch's
 * read and its write, and where a batch that cannot be stored whole stops.
 */
@CosellServiceTest
class ReferralProjectionBatchIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Autowired
    MongoTemplate mongo;

    @Autowired
    OpportunityStore store;

    @Autowired
    ObjectProvider<OutboxRelay> relay;

    @Autowired
    ReferralProjection projection;

    @Autowired
    CloudEventCodec codec;

    @Autowired
    EventRecorder recorder;

    private String partnerId;

    @BeforeEach
    void newPartner() {
        partnerId = DealApi.uniquePartnerId();
    }

    @Test
    void eventsForOneOpportunityInOneBatchComposeInTheirOrderIntoOneInsert() {
        UUID acceptedLater = UUID.randomUUID();
        UUID acceptedFirst = UUID.randomUUID();
        UUID declined = UUID.randomUUID();

        projection.project(List.of(
                received(acceptedLater, "Suggested"),
                accepted(acceptedFirst, "Accepted first"),
                received(declined, "Declined later"),
                accepted(acceptedLater, "Accepted later"),
                received(acceptedFirst, "Arrived late"),
                data(events(declined).declined()),
                received(acceptedLater, "Suggested")));

        Opportunity later = stored(acceptedLater);
        assertThat(later.stage()).isEqualTo(Stage.ACCEPTED);
        assertThat(later.details().name()).isEqualTo("Accepted later");
        assertThat(later.referral().respondBy()).isNull();
        assertThat(later.version()).isZero();
        Opportunity first = stored(acceptedFirst);
        assertThat(first.stage()).isEqualTo(Stage.ACCEPTED);
        assertThat(first.details().name()).isEqualTo("Accepted first");
        assertThat(first.version()).isZero();
        Opportunity archived = stored(declined);
        assertThat(archived.stage()).isEqualTo(Stage.DECLINED);
        assertThat(archived.details().name()).isEqualTo("Declined later");
        assertThat(archived.version()).isZero();
    }

    @Test
    void theSameBatchAgainChangesNothing() {
        UUID id = UUID.randomUUID();
        List<Object> batch = List.of(received(id, "Once"), accepted(id, "Accepted once"));
        projection.project(batch);
        Opportunity before = stored(id);

        projection.project(batch);

        Opportunity after = stored(id);
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void anOpportunityInsertedByOthersSinceTheReadGetsTheBatchsEventsAppliedToIt() {
        UUID raced = UUID.randomUUID();
        UUID neighbour = UUID.randomUUID();
        ReferralReceived arrival = received(raced, "Inserted by another consumer");
        OpportunityStore racing = new OpportunityStore(mongo, recorder, relay) {
            @Override
            public List<Opportunity> insertSkippingDuplicates(List<Opportunity> opportunities) {
                store.insertSkippingDuplicates(List.of(Opportunity.received(arrival)));
                return super.insertSkippingDuplicates(opportunities);
            }
        };

        new ReferralProjection(racing).project(List.of(arrival, received(neighbour, "Neighbour"),
                accepted(raced, "Accepted meanwhile")));

        Opportunity deal = stored(raced);
        assertThat(deal.stage()).isEqualTo(Stage.ACCEPTED);
        assertThat(deal.details().name()).isEqualTo("Accepted meanwhile");
        assertThat(deal.version()).isEqualTo(1);
        assertThat(stored(neighbour).details().name()).isEqualTo("Neighbour");
    }

    @Test
    void anOpportunityChangedByOthersSinceTheReadGetsTheBatchsEventsAppliedAfresh() {
        UUID id = UUID.randomUUID();
        projection.project(List.of(data(events(id).declined())));
        OpportunityStore racing = new OpportunityStore(mongo, recorder, relay) {
            private boolean raced;

            @Override
            public Opportunity replace(Opportunity opportunity) {
                if (!raced) {
                    raced = true;
                    super.replace(mongo.findById(id, Opportunity.class));
                }
                return super.replace(opportunity);
            }
        };

        new ReferralProjection(racing).project(List.of(received(id, "Arrived late")));

        Opportunity declined = stored(id);
        assertThat(declined.stage()).isEqualTo(Stage.DECLINED);
        assertThat(declined.details().name()).isEqualTo("Arrived late");
        assertThat(declined.version()).isEqualTo(2);
    }

    @Test
    void anAcceptanceWithoutItsTermsIsRefusedByNameAndStopsTheBatchThereWithTheEventsBeforeItStored() {
        UUID before = UUID.randomUUID();
        UUID broken = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-20T10:00:00Z");
        ReferralAccepted withoutTerms = new ReferralAccepted(broken, "REF-" + broken, partnerId, null, null, null, now, now);

        assertThatThrownBy(() -> projection.project(List.of(received(before, "Before"),
                received(broken, "Half changed in memory"), withoutTerms, received(after, "After"))))
                .isInstanceOfSatisfying(PartlyProjected.class, failure -> {
                    assertThat(failure.firstUnprojected()).isEqualTo(2);
                    assertThat(failure.getCause()).isInstanceOf(InvalidEventException.class)
                            .hasMessage("data.deal: is required");
                });
        assertThat(stored(before).details().name()).isEqualTo("Before");
        Opportunity received = stored(broken);
        assertThat(received.stage()).isEqualTo(Stage.RECEIVED);
        assertThat(received.details().name()).isEqualTo("Half changed in memory");
        assertThat(mongo.findById(after, Opportunity.class)).isNull();
    }

    @Test
    void opportunitiesInsertedTogetherWithPendingEventsAreRelayed() {
        UUID id = UUID.randomUUID();
        Opportunity opportunity = Opportunity.create(id, partnerId, DealFixtures.customer(), DealFixtures.terms(), null,
                DealFixtures.ACTOR, Instant.parse("2026-11-20T10:00:00Z"), DealFixtures.ENGAGEMENT_WINDOW);

        try (TopicRecorder deals = KafkaTestClient.shared().records(EventType.DEAL_CREATED.topic())) {
            assertThat(store.insertSkippingDuplicates(List.of(opportunity))).isEmpty();

            deals.awaitRecord(record -> id.toString().equals(record.key()), TIMEOUT);
            await().atMost(TIMEOUT).until(() -> stored(id).pendingEvents().isEmpty());
        }
    }

    private Opportunity stored(UUID id) {
        Opportunity opportunity = mongo.findById(id, Opportunity.class);
        assertThat(opportunity).as("opportunity %s", id).isNotNull();
        return opportunity;
    }

    private ReferralReceived received(UUID id, String dealName) {
        return (ReferralReceived) data(events(id).received(dealName));
    }

    private ReferralAccepted accepted(UUID id, String dealName) {
        return (ReferralAccepted) data(events(id).accepted(dealName));
    }

    private ReferralEvents events(UUID id) {
        return new ReferralEvents(id, partnerId);
    }

    private Object data(String event) {
        return codec.read(event.getBytes(StandardCharsets.UTF_8)).data();
    }
}
