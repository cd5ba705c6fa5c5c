package org.cosell.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.Topics;
import org.cosell.stack.CosellTopics;
import org.cosell.stack.KafkaBroker;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A dead-letter topic with fewer partitions than its source: {@code cosell.engagements.responses.DLT}
 * is recreated with one partition (deal-service has not dead-lettered there before), and an answer
 * for an unknown deal is sent to each of the source's three partitions. Every one reaches the DLT
 * with its reason; the policy no longer asks for the source's partition there. The DLT gets its
 * three partitions back at the end.
 */
final class DeadLetterPartitionsCase implements FaultCase {

    private static final String SOURCE = Topics.ENGAGEMENTS_RESPONSES;
    private static final String DEAD_LETTERS = Topics.deadLetter(SOURCE);

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public String name() {
        return "narrow-dead-letter-topic";
    }

    @Override
    public String kind() {
        return "fault";
    }

    @Override
    public String description() {
        return "a .DLT with 1 partition for a 3-partition topic: a refused record from each partition is dead-lettered";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Admin admin = stack.admin();
        recreate(admin, 1);
        report.note("%s recreated with 1 partition", DEAD_LETTERS);
        try {
            Set<String> keys = new HashSet<>();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.BOOTSTRAP_SERVERS, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer())) {
                for (int partition = 0; partition < CosellTopics.PARTITIONS; partition++) {
                    String key = "NARROW-DLT-" + partition + "-" + UUID.randomUUID();
                    keys.add(key);
                    producer.send(new ProducerRecord<>(SOURCE, partition, key, unknownDealAnswer())).get(30, TimeUnit.SECONDS);
                }
            }
            List<DeadLetterReader.Letter> letters = DeadLetterReader.awaitLetters(KafkaBroker.BOOTSTRAP_SERVERS, DEAD_LETTERS,
                    seen -> seen.stream().map(DeadLetterReader.Letter::key).filter(keys::contains).distinct().count() == keys.size(),
                    Duration.ofSeconds(30)).stream().filter(letter -> keys.contains(letter.key())).toList();
            report.note("dead letters: %s", letters.stream().map(letter -> "partition " + letter.partition() + ": "
                    + letter.error()).toList());
            long withReason = letters.stream().filter(letter -> letter.error() != null && letter.error().contains("no deal")).count();
            report.expect(letters.stream().map(DeadLetterReader.Letter::key).distinct().count() == keys.size(),
                    "%d of %d refused records reached the one-partition DLT", letters.size(), keys.size());
            report.expect(withReason == letters.size(), "%d dead letters without the reason", letters.size() - withReason);
            report.sent(keys.size()).refused(letters.stream().map(DeadLetterReader.Letter::key).distinct().count())
                    .arrived(0).lost(keys.size() - letters.stream().map(DeadLetterReader.Letter::key).distinct().count())
                    .duplicated(letters.size() - letters.stream().map(DeadLetterReader.Letter::key).distinct().count());
        } finally {
            recreate(admin, CosellTopics.PARTITIONS);
        }
        return report.result();
    }

    /** An engaged answer for a deal nobody holds: refused, to the dead-letter topic. */
    private byte[] unknownDealAnswer() {
        ObjectNode answer = (ObjectNode) json.readTree(GoldenSamples.json(EventType.ENGAGEMENT_RESPONSE));
        answer.put("id", UUID.randomUUID().toString());
        answer.withObjectProperty("data").put("dealId", UUID.randomUUID().toString());
        return json.writeValueAsBytes(answer);
    }

    /** Deletes the DLT and creates it again with {@code partitions}, waiting out the deletion. */
    private static void recreate(Admin admin, int partitions) throws Exception {
        try {
            admin.deleteTopics(List.of(DEAD_LETTERS)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                admin.createTopics(List.of(new NewTopic(DEAD_LETTERS, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
                break;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Await.sleep(Duration.ofMillis(500));
            }
        }
        CosellTopics.awaitLeaders(admin);
    }
}
