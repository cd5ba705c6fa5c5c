package org.cosell.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.cosell.contracts.Topics;
import org.cosell.stack.CosellTopics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads, from the beginning and for as long as the suite runs, every topic whose records are the
 * effects the cases count: referral and deal events, outcomes, due notices and the inbound dead letters. It
 * uses no consumer group, so it commits nothing and survives broker restarts by reconnecting.
 */
final class EventLog implements AutoCloseable {

    static final List<String> WATCHED = List.of(Topics.REFERRAL_EVENTS, Topics.DEAL_EVENTS, Topics.DEAL_OUTCOMES,
            Topics.EXPIRY_DUE, Topics.deadLetter(Topics.REFERRALS_INBOUND));

    private final KafkaConsumer<String, String> consumer;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<SeenRecord> records = new ArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;

    EventLog(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.CLIENT_ID_CONFIG, "cosell-faults-event-log"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : WATCHED) {
            for (int partition = 0; partition < CosellTopics.PARTITIONS; partition++) {
                partitions.add(new TopicPartition(topic, partition));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(this::read, "event-log");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        while (running) {
            try {
                List<SeenRecord> batch = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    batch.add(seen(record));
                }
                if (!batch.isEmpty()) {
                    synchronized (records) {
                        records.addAll(batch);
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                System.out.println("  (event log: " + e + ")");
            }
        }
    }

    private SeenRecord seen(ConsumerRecord<String, String> record) {
        Header error = record.headers().lastHeader(Topics.ERROR_HEADER);
        String reason = error == null ? null : new String(error.value(), StandardCharsets.UTF_8);
        JsonNode event = parse(record.value());
        JsonNode data = event.path("data");
        String subject = text(data, "opportunityId");
        if (subject == null) {
            subject = text(data, "targetId");
        }
        String detail = text(data, "kind");
        if (detail == null) {
            detail = text(data, "outcome");
        }
        return new SeenRecord(record.topic(), record.partition(), record.offset(), record.key(), text(event, "id"),
                text(event, "type"), text(data, "partnerId"), text(data, "referralId"), subject, detail, reason);
    }

    private JsonNode parse(String value) {
        if (value == null) {
            return json.missingNode();
        }
        try {
            return json.readTree(value);
        } catch (RuntimeException notJson) {
            return json.missingNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        return value.isString() ? value.stringValue() : value.toString();
    }

    List<SeenRecord> on(String topic, Predicate<SeenRecord> which) {
        synchronized (records) {
            return records.stream().filter(record -> record.topic().equals(topic) && which.test(record)).toList();
        }
    }

    long count(String topic, Predicate<SeenRecord> which) {
        synchronized (records) {
            return records.stream().filter(record -> record.topic().equals(topic) && which.test(record)).count();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
    }
}
