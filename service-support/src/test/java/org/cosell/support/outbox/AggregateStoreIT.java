package org.cosell.support.outbox;

import org.cosell.support.tracing.TraceContinuation;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.UuidRepresentation;
import org.cosell.contracts.EventType;
import org.cosell.support.domain.NotFoundException;
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
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The aggregate store on a real database and broker: what it inserts, replaces and retries, and what it relays. */
class AggregateStoreIT {

    private static final String PARTNER = "4412345";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static MongoClient client;
    private static DefaultKafkaProducerFactory<String, Object> producers;

    private MongoTemplate mongo;
    private OutboxRelay relay;
    private AggregateStore<SampleAggregate> store;
    private TopicRecorder published;

    @BeforeAll
    static void connect() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(infrastructure.mongoUri()))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .build());
        producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new CloudEventSerializer(new CloudEventCodec()));
    }

    @AfterAll
    static void disconnect() {
        producers.destroy();
        client.close();
    }

    @BeforeEach
    void newStore() {
        mongo = new MongoTemplate(client, "aggregate-store-" + UUID.randomUUID());
        TraceContinuation tracing = new TraceContinuation(null, null);
        // Polled once in ten minutes: whatever is published within a test was named by the store.
        relay = new OutboxRelay(mongo, new KafkaTemplate<>(producers), List.of("samples"),
                new OutboxProperties(Duration.ofMinutes(10), 500, Duration.ofSeconds(60)), Clock.systemUTC(), tracing, new SimpleMeterRegistry());
        EventRecorder recorder = new EventRecorder(new CloudEventCodec(), Clock.systemUTC(), "/test", tracing, 1024 * 1024);
        store = new AggregateStore<>(SampleAggregate.class, "sample", mongo, recorder,
                new StaticListableBeanFactory(Map.of("relay", relay)).getBeanProvider(OutboxRelay.class));
        published = KafkaTestClient.shared().records(EventType.DEAL_UPDATED.topic());
    }

    @AfterEach
    void stop() {
        relay.stop();
        published.close();
        mongo.getDb().drop();
    }

    @Test
    void theCollectionIsTheOneTheMappingNames() {
        assertThat(store.collection()).isEqualTo("samples");
    }

    @Test
    void anInsertSkipsWhatAnyUniqueIndexHoldsStoresTheRestAndRelaysOnlyWhatItStored() {
        mongo.indexOps(store.collection()).createIndex(new Index().on("name", Sort.Direction.ASC).unique());
        relay.start();
        UUID alpha = UUID.randomUUID();
        UUID beta = UUID.randomUUID();
        assertThat(store.insertSkippingDuplicates(List.of(SampleAggregate.created(alpha, PARTNER, "alpha"),
                SampleAggregate.created(beta, PARTNER, "beta")))).isEmpty();
        published.awaitRecord(record -> record.key().equals(alpha.toString()), TIMEOUT);
        published.awaitRecord(record -> record.key().equals(beta.toString()), TIMEOUT);

        SampleAggregate sameId = SampleAggregate.created(alpha, PARTNER, "gamma");
        SampleAggregate sameName = SampleAggregate.created(UUID.randomUUID(), PARTNER, "beta");
        SampleAggregate fresh = SampleAggregate.created(UUID.randomUUID(), PARTNER, "delta");
        List<SampleAggregate> skipped = store.insertSkippingDuplicates(List.of(sameId, sameName, fresh));

        assertThat(skipped).containsExactly(sameId, sameName);
        assertThat(store.findById(alpha).orElseThrow().name()).isEqualTo("alpha");
        assertThat(store.findById(sameName.id())).isEmpty();
        assertThat(fresh.version()).isZero();
        assertThat(mongo.getCollection(store.collection()).find(Filters.eq("_id", fresh.id())).first())
                .containsEntry(Aggregate.VERSION, 0L);
        published.awaitRecord(record -> record.key().equals(fresh.id().toString()), TIMEOUT);
        published.assertNoRecord(record -> record.key().equals(sameName.id().toString()), Duration.ofSeconds(1));
        assertThat(published.all().stream().filter(record -> record.key().equals(alpha.toString()))).hasSize(1);
    }

    @Test
    void aReplaceBasedOnAReadFromBeforeARelayRoundIsRefused() {
        UUID id = UUID.randomUUID();
        store.insertSkippingDuplicates(List.of(SampleAggregate.created(id, PARTNER, "counted")));
        SampleAggregate stale = store.findById(id).orElseThrow();
        assertThat(stale.pendingEvents()).hasSize(1);

        assertThat(relay.relayOnce()).isEqualTo(1);
        stale.increment();

        assertThatThrownBy(() -> store.replace(stale)).isInstanceOf(OptimisticLockingFailureException.class);
        SampleAggregate fresh = store.findById(id).orElseThrow();
        assertThat(fresh.pendingEvents()).isEmpty();
        assertThat(fresh.version()).isZero();
        fresh.increment();
        assertThat(store.replace(fresh).version()).isEqualTo(1);
        assertThat(relay.relayOnce()).isEqualTo(1);
        published.assertNoRecord(record -> record.key().equals(id.toString()) && countOf(record) > 1, Duration.ofSeconds(1));
        assertThat(published.all().stream().filter(record -> record.key().equals(id.toString())).map(this::countOf))
                .containsExactly(0, 1);
    }

    @Test
    void aReplaceBasedOnAReadFromBeforeAnotherReplaceIsRefused() {
        UUID id = UUID.randomUUID();
        store.insertSkippingDuplicates(List.of(SampleAggregate.created(id, PARTNER, "counted")));
        SampleAggregate first = store.findById(id).orElseThrow();
        SampleAggregate second = store.findById(id).orElseThrow();
        first.increment();
        second.increment();

        store.replace(first);

        assertThatThrownBy(() -> store.replace(second)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(store.findById(id).orElseThrow().pendingEvents()).hasSize(2);
    }

    @Test
    void aChangeThatLostARaceIsDecidedAgainOnWhatTheWinnerStored() {
        UUID id = UUID.randomUUID();
        store.insertSkippingDuplicates(List.of(SampleAggregate.created(id, PARTNER, "counted")));
        AtomicBoolean raced = new AtomicBoolean();

        AggregateStore.Change<SampleAggregate> change = store.change(PARTNER, id, current -> {
            if (!raced.getAndSet(true)) {
                SampleAggregate winner = store.findById(id).orElseThrow();
                winner.increment();
                store.replace(winner);
            }
            current.increment();
            return true;
        });

        assertThat(change.changed()).isTrue();
        assertThat(change.aggregate().count()).isEqualTo(2);
        assertThat(change.aggregate().version()).isEqualTo(2);
        SampleAggregate stored = store.findById(id).orElseThrow();
        assertThat(stored.count()).isEqualTo(2);
        assertThat(stored.pendingEvents()).hasSize(3);
    }

    @Test
    void aMoveThatChangesNothingWritesNothingAndAnotherPartnersAggregateIsNotFound() {
        UUID id = UUID.randomUUID();
        store.insertSkippingDuplicates(List.of(SampleAggregate.created(id, PARTNER, "counted")));

        assertThat(store.change(null, id, current -> false).changed()).isFalse();
        assertThat(store.findById(id).orElseThrow().version()).isZero();
        assertThatThrownBy(() -> store.change("5512345", id, current -> true))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No sample " + id);
        assertThat(store.findOwned("5512345", id)).isEmpty();
        assertThat(store.findOwned(PARTNER, id)).isPresent();
    }

    private int countOf(ConsumerRecord<String, String> record) {
        return Integer.parseInt(record.value().replaceAll(".*\"count\":(\\d+).*", "$1"));
    }
}
