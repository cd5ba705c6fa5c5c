package org.cosell.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.cosell.contracts.Topics;

/** Reads a dead-letter topic the event log does not watch, from the beginning, without a consumer group. */
final class DeadLetterReader {

    /** One dead letter: where it landed, its key and value, and its {@code cosell-error}. */
    record Letter(int partition, String key, String value, String error) {
    }

    private DeadLetterReader() {
    }

    /** Every letter on {@code topic} once they are {@code enough}, or all there are after {@code timeout}. */
    static List<Letter> awaitLetters(String bootstrapServers, String topic, Predicate<List<Letter>> enough, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "cosell-faults-dead-letters"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<Letter> letters = new ArrayList<>();
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Header error = record.headers().lastHeader(Topics.ERROR_HEADER);
                    letters.add(new Letter(record.partition(), record.key(), record.value(),
                            error == null ? null : new String(error.value(), StandardCharsets.UTF_8)));
                }
                if (enough.test(letters)) {
                    return letters;
                }
            }
            return letters;
        }
    }
}
