package org.cosell.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.cosell.bench.BenchReferrals.BenchReferral;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Kafka alone: the benchmark's referrals produced to a topic of their own (3 partitions, like the
 * services' topics) and read back, the ceiling any service on this broker works under. The same
 * topic then feeds the floor consumer.
 */
final class RawKafkaBenchmark {

    /** KAFKA-15591: a batch produced right after the topic is created may be lost; give it time first. */
    private static final Duration AFTER_CREATE = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private RawKafkaBenchmark() {
    }

    record Result(double producedPerSecond, double consumedPerSecond) {
    }

    static void createTopic(String topic, Consumer<String> progress) throws Exception {
        try (Admin admin = KafkaClients.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!hasLeaders(admin, topic)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Topic " + topic + " has no leaders after 30 s");
                }
                Thread.sleep(100);
            }
        }
        progress.accept("created " + topic + "; waiting " + AFTER_CREATE.toSeconds() + " s before producing (KAFKA-15591)");
        Thread.sleep(AFTER_CREATE.toMillis());
    }

    static void deleteTopic(String topic) {
        try (Admin admin = KafkaClients.admin()) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("Could not delete " + topic + ": " + e);
        }
    }

    /** Produces every referral without waiting per record, one flush at the end; answers the nanoseconds it took. */
    static long produce(List<BenchReferral> referrals, String topic) throws InterruptedException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer()) {
            for (BenchReferral referral : referrals) {
                producer.send(new ProducerRecord<>(topic, referral.referralId(), referral.json()), (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                });
            }
            producer.flush();
            long elapsed = System.nanoTime() - start;
            if (failure.get() != null) {
                throw new IllegalStateException("Producing to " + topic + " failed", failure.get());
            }
            return elapsed;
        }
    }

    static Result run(List<BenchReferral> referrals, String topic, Consumer<String> progress) throws Exception {
        long produceNanos = produce(referrals, topic);
        long stored = endOffsets(topic);
        if (stored != referrals.size()) {
            throw new IllegalStateException("Kafka holds " + stored + " of the " + referrals.size()
                    + " records produced to " + topic + " (lost right after topic creation? KAFKA-15591)");
        }
        double produced = Rates.perSecond(referrals.size(), produceNanos);
        progress.accept(String.format(Locale.ROOT, "produced %,d records in %.2f s", referrals.size(),
                Rates.seconds(produceNanos)));
        long consumeNanos = consumeAll(topic, referrals.size());
        return new Result(produced, Rates.perSecond(referrals.size(), consumeNanos));
    }

    private static long consumeAll(String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = KafkaClients.reader()) {
            List<TopicPartition> partitions = KafkaClients.partitionsOf(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.forEach(consumer::position);
            long start = System.nanoTime();
            long deadline = start + TIMEOUT.toNanos();
            long count = 0;
            while (count < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Read " + count + " of " + expected + " records in " + TIMEOUT);
                }
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                count += records.count();
            }
            return System.nanoTime() - start;
        }
    }

    static long endOffsets(String topic) throws Exception {
        try (Admin admin = KafkaClients.admin()) {
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(partition -> latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }

    private static boolean hasLeaders(Admin admin, String topic) {
        try {
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic);
            return description.partitions().stream().allMatch(partition -> partition.leader() != null);
        } catch (Exception notYet) {
            return false;
        }
    }
}
