package org.cosell.testsupport;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * Collects every record written to one topic after it was created, on a background thread. The
 * consumer is positioned on the calling thread before the constructor returns, so nothing sent
 * afterwards is missed; only the background thread touches it after that.
 */
public final class TopicRecorder implements AutoCloseable {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Consumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    TopicRecorder(String bootstrapServers, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "cosell-test-recorder-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("Topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        this.poller = new Thread(this::pollUntilClosed, "topic-recorder-" + topic);
        poller.setDaemon(true);
        poller.start();
    }

    /** Waits until a record matching {@code condition} has arrived and returns the first such record. */
    public ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> condition, Duration timeout) {
        return await("a matching record on " + topic)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> firstMatching(condition), Optional::isPresent)
                .orElseThrow();
    }

    /** Asserts that no record matching {@code condition} arrives during {@code quietPeriod}. */
    public void assertNoRecord(Predicate<ConsumerRecord<String, String>> condition, Duration quietPeriod) {
        await("no matching record on " + topic + " for " + quietPeriod)
                .during(quietPeriod)
                .atMost(quietPeriod.plusSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> firstMatching(condition).isEmpty());
    }

    /**
     * Asserts that {@code count} records matching {@code condition} have arrived (waiting a little for the last
     * of them) and that no further one arrives during {@code quietPeriod}: how a test says "published exactly
     * once" of a record it already awaited.
     */
    public void assertExactly(long count, Predicate<ConsumerRecord<String, String>> condition, Duration quietPeriod) {
        await(count + " matching record(s) on " + topic + " and no more for " + quietPeriod)
                .during(quietPeriod)
                .atMost(quietPeriod.plusSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> matching(condition), matched -> matched == count);
    }

    /** Everything recorded so far, in arrival order. */
    public List<ConsumerRecord<String, String>> all() {
        throwIfFailed();
        return List.copyOf(records);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(METADATA_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long matching(Predicate<ConsumerRecord<String, String>> condition) {
        throwIfFailed();
        return records.stream().filter(condition).count();
    }

    private Optional<ConsumerRecord<String, String>> firstMatching(Predicate<ConsumerRecord<String, String>> condition) {
        throwIfFailed();
        return records.stream().filter(condition).findFirst();
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw new IllegalStateException("Recording " + topic + " failed", failure);
        }
    }

    private void pollUntilClosed() {
        try {
            while (running) {
                consumer.poll(POLL_TIMEOUT).forEach(records::add);
            }
        } catch (WakeupException closing) {
            // close() interrupts the poll on purpose
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close();
        }
    }
}
