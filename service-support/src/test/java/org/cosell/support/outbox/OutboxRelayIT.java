package org.cosell.support.outbox;

import org.cosell.support.tracing.TraceContinuation;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.cosell.contracts.Topics;
import org.cosell.support.kafka.CloudEventCodec;
import org.cosell.support.kafka.CloudEventSerializer;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestInfrastructure;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The relay on a real broker and database: an event Kafka refuses among events it takes, a crash
 * between publishing and removing, a backlog larger than a round, what a restart leaves, and two
 * replicas' relays on the same documents.
 */
class OutboxRelayIT {

    private static final String COLLECTION = "aggregates";
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static MongoClient client;
    private static DefaultKafkaProducerFactory<String, Object> producers;

    private MongoTemplate mongo;
    private SimpleMeterRegistry meters;
    private OutboxRelay relay;
    private TopicRecorder outcomes;

    @BeforeAll
    static void connect() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        client = MongoClients.create(infrastructure.mongoUri());
        producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES),
                new StringSerializer(), new CloudEventSerializer(new CloudEventCodec()));
    }

    @AfterAll
    static void disconnect() {
        producers.destroy();
        client.close();
    }

    @BeforeEach
    void newRelay() {
        mongo = new MongoTemplate(client, "outbox-relay-" + UUID.randomUUID());
        meters = new SimpleMeterRegistry();
        relay = relay(mongo, Duration.ofMillis(200), 500);
        outcomes = KafkaTestClient.shared().records(Topics.DEAL_OUTCOMES);
    }

    private OutboxRelay relay(MongoTemplate database, Duration pollInterval, int batchSize) {
        return new OutboxRelay(database, new KafkaTemplate<>(producers), List.of(COLLECTION),
                new OutboxProperties(pollInterval, batchSize, Duration.ofSeconds(60)), Clock.systemUTC(), new TraceContinuation(null, null), meters);
    }

    @AfterEach
    void stop() {
        relay.stop();
        outcomes.close();
        mongo.getDb().drop();
    }

    @Test
    void anEventKafkaRefusesIsSetAsideAndItsNeighboursArePublishedOnce() {
        String before = UUID.randomUUID().toString();
        String oversized = UUID.randomUUID().toString();
        String sameDocument = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        save("before", event(before, 100));
        save("mixed", event(oversized, 2 * MAX_REQUEST_BYTES), event(sameDocument, 100));
        save("after", event(after, 100));

        assertThat(relay.relayOnce()).isEqualTo(3);
        assertThat(relay.relayOnce()).isZero();

        outcomes.awaitRecord(record -> record.key().equals(after), TIMEOUT);
        outcomes.assertNoRecord(record -> record.key().equals(oversized), Duration.ofSeconds(1));
        assertThat(outcomes.all().stream().map(ConsumerRecord::key).filter(List.of(before, sameDocument, after)::contains))
                .containsExactlyInAnyOrder(before, sameDocument, after);
        assertThat(pendingDocuments()).isZero();
        Document setAside = mongo.getCollection(OutboxRelay.QUARANTINE).find(new Document("_id", oversized)).first();
        assertThat(setAside).isNotNull();
        assertThat(setAside.getString("collection")).isEqualTo(COLLECTION);
        assertThat(setAside.getString("aggregateId")).isEqualTo("mixed");
        assertThat(setAside.getString("topic")).isEqualTo(Topics.DEAL_OUTCOMES);
        assertThat(setAside.getString("reason")).startsWith("RecordTooLargeException");
        assertThat(setAside.getString("json")).hasSizeGreaterThan(2 * MAX_REQUEST_BYTES);
        assertThat(meters.get("cosell.outbox.quarantined").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("cosell.outbox.published").counter().count()).isEqualTo(3.0);
    }

    @Test
    void theRunningRelayKeepsGoingAfterARefusedEvent() {
        relay.start();
        String oversized = UUID.randomUUID().toString();
        String neighbour = UUID.randomUUID().toString();
        save("first", event(oversized, 2 * MAX_REQUEST_BYTES));
        save("second", event(neighbour, 100));
        relay.saved(COLLECTION, List.of("first", "second"));

        outcomes.awaitRecord(record -> record.key().equals(neighbour), TIMEOUT);
        await().atMost(TIMEOUT).until(() -> mongo.getCollection(OutboxRelay.QUARANTINE).countDocuments() == 1);

        String later = UUID.randomUUID().toString();
        save("third", event(later, 100));
        relay.saved(COLLECTION, List.of("third"));
        outcomes.awaitRecord(record -> record.key().equals(later), TIMEOUT);
        assertThat(outcomes.all().stream().filter(record -> record.key().equals(neighbour))).hasSize(1);
    }

    @Test
    void aCrashBetweenPublishingAndRemovingSendsTheSameEventIdAgain() {
        AtomicInteger failingRemovals = new AtomicInteger(1);
        MongoTemplate losingTheRemoval = new MongoTemplate(client, mongo.getDb().getName()) {
            @Override
            public MongoCollection<Document> getCollection(String name) {
                return failingBulkWrites(super.getCollection(name), failingRemovals);
            }
        };
        relay = relay(losingTheRemoval, Duration.ofMinutes(10), 500);
        String eventId = UUID.randomUUID().toString();
        save("crashed", event(eventId, 100));

        assertThatThrownBy(relay::relayOnce).hasMessageContaining("connection lost before the removal");
        outcomes.awaitRecord(record -> record.key().equals(eventId), TIMEOUT);
        assertThat(relay.relayOnce()).isEqualTo(1);
        assertThat(relay.relayOnce()).isZero();

        await().atMost(TIMEOUT).until(() -> recordsKeyed(eventId).size() == 2);
        assertThat(recordsKeyed(eventId)).extracting(ConsumerRecord::value)
                .allSatisfy(json -> assertThat(json).contains("\"id\":\"" + eventId + "\""))
                .containsOnly(recordsKeyed(eventId).get(0).value());
    }

    @Test
    void aBacklogLargerThanARoundIsDrainedRoundAfterRound() {
        relay = relay(mongo, Duration.ofMinutes(10), 3);
        List<String> backlog = new ArrayList<>();
        for (int document = 0; document < 10; document++) {
            String eventId = UUID.randomUUID().toString();
            backlog.add(eventId);
            save("backlog-" + document, event(eventId, 100));
        }

        relay.start();

        await().atMost(TIMEOUT).until(() -> outcomes.all().stream().map(ConsumerRecord::key).toList().containsAll(backlog));
        await().atMost(TIMEOUT).until(() -> pendingDocuments() == 0);
        assertThat(outcomes.all().stream().map(ConsumerRecord::key).filter(backlog::contains)).hasSize(10);
    }

    @Test
    void afterARestartTheSearchRelaysWhatTheStoppedRelayLeft() {
        relay.start();
        String relayed = UUID.randomUUID().toString();
        save("relayed", event(relayed, 100));
        relay.saved(COLLECTION, List.of("relayed"));
        outcomes.awaitRecord(record -> record.key().equals(relayed), TIMEOUT);
        relay.stop();
        String left = UUID.randomUUID().toString();
        save("left", event(left, 100));

        relay = relay(mongo, Duration.ofMinutes(10), 500);
        relay.start();

        outcomes.awaitRecord(record -> record.key().equals(left), TIMEOUT);
        await().atMost(TIMEOUT).until(() -> pendingDocuments() == 0);
        assertThat(recordsKeyed(relayed)).hasSize(1);
    }

    @Test
    void theIdlePollFindsEventsNobodyNamed() {
        relay.start();
        String first = UUID.randomUUID().toString();
        save("first", event(first, 100));
        outcomes.awaitRecord(record -> record.key().equals(first), TIMEOUT);

        String unnamed = UUID.randomUUID().toString();
        save("unnamed", event(unnamed, 100));

        outcomes.awaitRecord(record -> record.key().equals(unnamed), TIMEOUT);
    }

    @Test
    void aRelayLeavesTheDocumentsAnotherRelayHoldsAndEachEventIsPublishedOnce() throws Exception {
        CountDownLatch publishedByTheFirst = new CountDownLatch(1);
        CountDownLatch secondLookedToo = new CountDownLatch(1);
        MongoTemplate pausingBeforeTheRemoval = new MongoTemplate(client, mongo.getDb().getName()) {
            @Override
            public MongoCollection<Document> getCollection(String name) {
                return pausingBulkWrites(super.getCollection(name), publishedByTheFirst, secondLookedToo);
            }
        };
        OutboxRelay first = relay(pausingBeforeTheRemoval, Duration.ofMinutes(10), 500);
        List<String> eventIds = new ArrayList<>();
        for (int document = 0; document < 5; document++) {
            String eventId = UUID.randomUUID().toString();
            eventIds.add(eventId);
            save("shared-" + document, event(eventId, 100));
        }

        CompletableFuture<Integer> firstRound = CompletableFuture.supplyAsync(first::relayOnce);
        assertThat(publishedByTheFirst.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        int publishedBySecond = relay.relayOnce();
        secondLookedToo.countDown();

        assertThat(firstRound.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(5);
        assertThat(publishedBySecond).isZero();
        assertThat(relay.relayOnce()).isZero();
        await().atMost(TIMEOUT).until(() -> outcomes.all().stream().map(ConsumerRecord::key).toList().containsAll(eventIds));
        assertThat(outcomes.all().stream().map(ConsumerRecord::key).filter(eventIds::contains)).hasSize(5);
        assertThat(mongo.getCollection(RelayClaims.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void aClaimWhoseLeaseRanOutIsTakenOverAndALiveOneIsLeftAlone() {
        String abandoned = UUID.randomUUID().toString();
        String held = UUID.randomUUID().toString();
        save("abandoned", event(abandoned, 100));
        save("held", event(held, 100));
        Instant now = Instant.now();
        mongo.getCollection(RelayClaims.COLLECTION).insertMany(List.of(
                new Document("_id", COLLECTION + "/abandoned").append("claimId", "dead-relay")
                        .append("leaseExpiresAt", Date.from(now.minusSeconds(1))),
                new Document("_id", COLLECTION + "/held").append("claimId", "live-relay")
                        .append("leaseExpiresAt", Date.from(now.plusSeconds(60)))));

        assertThat(relay.relayOnce()).isEqualTo(1);

        outcomes.awaitRecord(record -> record.key().equals(abandoned), TIMEOUT);
        assertThat(recordsKeyed(held)).isEmpty();
        assertThat(meters.get("cosell.outbox.claims.taken.over").counter().count()).isEqualTo(1.0);
        assertThat(mongo.getCollection(RelayClaims.COLLECTION).find().map(claim -> claim.getString("claimId")))
                .containsExactly("live-relay");
    }

    private List<ConsumerRecord<String, String>> recordsKeyed(String key) {
        return outcomes.all().stream().filter(record -> record.key().equals(key)).toList();
    }

    private long pendingDocuments() {
        return mongo.getCollection(COLLECTION).countDocuments(new Document(OutboxEvent.FIELD + ".0",
                new Document("$exists", true)));
    }

    /** {@code collection}, whose next {@code failures} bulk writes fail as if the connection dropped. */
    @SuppressWarnings("unchecked")
    private static MongoCollection<Document> failingBulkWrites(MongoCollection<Document> collection,
                                                               AtomicInteger failures) {
        return (MongoCollection<Document>) Proxy.newProxyInstance(MongoCollection.class.getClassLoader(),
                new Class<?>[] {MongoCollection.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("bulkWrite") && failures.getAndDecrement() > 0) {
                        throw new MongoException("connection lost before the removal");
                    }
                    try {
                        return method.invoke(collection, arguments);
                    } catch (InvocationTargetException failed) {
                        throw failed.getCause();
                    }
                });
    }

    /** {@code collection}, whose first bulk write (the removal) waits, once it is due, until {@code resume}. */
    @SuppressWarnings("unchecked")
    private static MongoCollection<Document> pausingBulkWrites(MongoCollection<Document> collection, CountDownLatch due,
                                                               CountDownLatch resume) {
        return (MongoCollection<Document>) Proxy.newProxyInstance(MongoCollection.class.getClassLoader(),
                new Class<?>[] {MongoCollection.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("bulkWrite") && due.getCount() > 0) {
                        due.countDown();
                        resume.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(collection, arguments);
                    } catch (InvocationTargetException failed) {
                        throw failed.getCause();
                    }
                });
    }

    private void save(String id, Document... events) {
        mongo.getCollection(COLLECTION).insertOne(new Document("_id", id).append(OutboxEvent.FIELD, List.of(events)));
    }

    /** A pending event keyed by its own id, whose JSON is about {@code bytes} long. */
    private static Document event(String eventId, int bytes) {
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"padding\":\"" + "x".repeat(bytes) + "\"}";
        return new Document("eventId", eventId).append("topic", Topics.DEAL_OUTCOMES).append("key", eventId)
                .append("type", "cosell.opportunity.outcome.v1").append("json", json).append("recordedAt", new Date())
                .append("traceparent", null);
    }
}
