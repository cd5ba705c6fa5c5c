package org.cosell.expiry.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.UuidRepresentation;
import org.cosell.contracts.Topics;
import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.expiry.ExpiryDuePublisher;
import org.cosell.expiry.ExpiryMetrics;
import org.cosell.expiry.ExpiryPoller;
import org.cosell.expiry.ExpiryProperties;
import org.cosell.expiry.ExpiryTimer;
import org.cosell.expiry.TimerChange.Arm;
import org.cosell.expiry.TimerState;
import org.cosell.expiry.TimerStore;
import org.cosell.support.kafka.CloudEventCodec;
import org.cosell.support.kafka.CloudEventSerializer;
import org.cosell.testsupport.MutableClock;
import org.cosell.testsupport.TestInfrastructure;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Arms a million timers, makes a hundred thousand of them due at the same instant, and measures how long the
 * scheduler takes to publish them all and how late each one was. Runs the production classes against the test
 * infrastructure (embedded Kafka and mongo-java-server, or Testcontainers where Docker answers). Not a test:
 * run it by hand, see the module's README. Arguments: timers, due, instances, batch size (defaults 1000000 100000
 * 1 500, the service's default batch).
 */
public final class ExpiryBenchmark {

    private static final int ARM_BATCH = 1_000;
    private static final Duration FIRE_TIMEOUT = Duration.ofMinutes(30);

    private ExpiryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int due = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int instances = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int batchSize = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        TestInfrastructure infrastructure = TestInfrastructure.get();
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(infrastructure.mongoUri()))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .build());
        MongoTemplate mongo = new MongoTemplate(client, "cosell-expiry-bench");
        new MongoPersistentEntityIndexResolver(mongo.getConverter().getMappingContext())
                .resolveIndexFor(ExpiryTimer.class)
                .forEach(mongo.indexOps(ExpiryTimer.class)::createIndex);
        KafkaTemplate<String, Object> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new CloudEventSerializer(new CloudEventCodec())));
        MutableClock clock = new MutableClock();
        TimerStore store = new TimerStore(mongo);
        ExpiryProperties properties = new ExpiryProperties(Duration.ofDays(3), Duration.ofMillis(500), batchSize,
                Duration.ofSeconds(30), Duration.ofSeconds(5));
        System.out.printf("Expiry scheduler benchmark: %,d timers, %,d due at once, %d instance(s), batch %d, poll %d ms%n",
                total, due, instances, properties.batchSize(), properties.pollInterval().toMillis());

        Instant dueAt = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        long armStarted = System.nanoTime();
        arm(store, clock, total, due, dueAt);
        Duration armTime = since(armStarted);
        System.out.printf("armed %,d timers in %.1f s (%,.0f/s, bulk inserts of %d)%n",
                total, seconds(armTime), total / seconds(armTime), ARM_BATCH);

        List<ExpiryPoller> pollers = new ArrayList<>();
        List<ExpiryMetrics> metrics = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            ExpiryMetrics instanceMetrics = new ExpiryMetrics(new SimpleMeterRegistry(), store);
            metrics.add(instanceMetrics);
            pollers.add(new ExpiryPoller(store, new ExpiryDuePublisher(kafka, "/cosell/expiry-scheduler"),
                    instanceMetrics, clock, properties));
        }
        long[] idlePolls = new long[3];
        for (int i = 0; i < idlePolls.length; i++) {
            long started = System.nanoTime();
            pollers.get(0).pollOnce();
            idlePolls[i] = since(started).toMillis();
        }
        Arrays.sort(idlePolls);
        System.out.printf("one poll with nothing due (%,d armed): %d ms%n", total, idlePolls[1]);

        try (DueCounter counter = new DueCounter(infrastructure.kafkaBootstrapServers())) {
            clock.set(dueAt);
            long fireStarted = System.nanoTime();
            pollers.forEach(ExpiryPoller::start);
            await("every due timer fired").atMost(FIRE_TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> metrics.stream().mapToDouble(ExpiryMetrics::firedCount).sum() >= due);
            Duration fireTime = since(fireStarted);
            pollers.forEach(ExpiryPoller::stop);
            Duration seenTime = counter.awaitKeys(due, fireStarted);
            System.out.printf("fired %,d due at once in %.1f s (%,.0f/s); the last seen by a consumer after %.1f s%n",
                    due, seconds(fireTime), due / seconds(fireTime), seconds(seenTime));

            List<Long> lateness = mongo.find(Query.query(where("state").is(TimerState.FIRED)), ExpiryTimer.class).stream()
                    .map(timer -> Duration.between(timer.dueAt(), timer.settledAt()).toMillis())
                    .sorted()
                    .toList();
            System.out.printf("lateness (due time to Kafka's acknowledgement): p50 %.2f s, p99 %.2f s, max %.2f s%n",
                    percentile(lateness, 0.50) / 1000.0, percentile(lateness, 0.99) / 1000.0,
                    lateness.get(lateness.size() - 1) / 1000.0);
            System.out.printf("check: %,d fired, %,d distinct keys and %,d records on %s, %,d still armed%n",
                    lateness.size(), counter.keys(), counter.records(), Topics.EXPIRY_DUE, store.countArmed());
        }
        kafka.destroy();
        client.close();
        silenceInfrastructureShutdown();
        System.exit(0);
    }

    /** The embedded broker complains at length while the JVM takes its files away; the figures are printed by then. */
    private static void silenceInfrastructureShutdown() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.OFF);
    }

    private static void arm(TimerStore store, MutableClock clock, int total, int due, Instant dueAt) {
        Instant later = dueAt.plus(Duration.ofDays(30));
        List<Arm> batch = new ArrayList<>(ARM_BATCH);
        for (int i = 0; i < total; i++) {
            batch.add(new Arm(ExpiryKind.REFERRAL_RESPONSE, UUID.randomUUID(), "4412345", i < due ? dueAt : later, null));
            if (batch.size() == ARM_BATCH || i == total - 1) {
                store.armAll(batch, clock.instant());
                batch.clear();
            }
        }
    }

    private static long percentile(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** Reads {@code cosell.expiry.due} from its end, as a downstream consumer would, counting distinct keys. */
    private static final class DueCounter implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Set<String> keys = new HashSet<>();
        private final AtomicLong records = new AtomicLong();
        private final AtomicLong lastSeen = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread poller;

        DueCounter(String bootstrapServers) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, "expiry-benchmark-" + UUID.randomUUID(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EXPIRY_DUE).stream()
                    .map(partition -> new TopicPartition(Topics.EXPIRY_DUE, partition.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            poller = new Thread(this::poll, "expiry-benchmark-consumer");
            poller.start();
        }

        private void poll() {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    synchronized (keys) {
                        keys.add(record.key());
                    }
                    records.incrementAndGet();
                    lastSeen.set(System.nanoTime());
                }
            }
            consumer.close();
        }

        Duration awaitKeys(int expected, long startedNanos) {
            await("every due timer seen on " + Topics.EXPIRY_DUE).atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(50)).until(() -> keys() >= expected);
            return Duration.ofNanos(lastSeen.get() - startedNanos);
        }

        int keys() {
            synchronized (keys) {
                return keys.size();
            }
        }

        long records() {
            return records.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            poller.join();
        }
    }
}
