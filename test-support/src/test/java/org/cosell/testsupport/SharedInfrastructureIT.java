package org.cosell.testsupport;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.cosell.contracts.Topics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SharedInfrastructureIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final TestInfrastructure infrastructure = TestInfrastructure.get();
    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void isOneInstancePerJvm() {
        assertThat(TestInfrastructure.get()).isSameAs(infrastructure);
    }

    @Test
    void everySpecTopicAndItsDeadLetterTwinExistWithThreePartitions() throws Exception {
        List<String> expected = Topics.ALL.stream()
                .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
                .toList();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(expected).allTopicNames().get();

            assertThat(expected).hasSize(14);
            assertThat(topics).containsOnlyKeys(expected);
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
        }
    }

    @Test
    void aRecordSentToASpecTopicComesBackWithItsHeaders() {
        String key = UUID.randomUUID().toString();
        String json = "{\"referralId\":\"" + key + "\"}";

        try (TopicRecorder recorder = kafka.records(Topics.REFERRALS_INBOUND)) {
            kafka.send(Topics.REFERRALS_INBOUND, key, json, Map.of("ce_type", "cosell.referral.offered.v1"));

            ConsumerRecord<String, String> record = recorder.awaitRecord(r -> key.equals(r.key()), TIMEOUT);

            assertThat(record.value()).isEqualTo(json);
            assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo("cosell.referral.offered.v1");
            assertThat(KafkaTestClient.header(record, "absent")).isNull();
        }
    }

    @Test
    void aRecorderSeesOnlyWhatIsSentAfterItWasCreated() {
        String before = "before-" + UUID.randomUUID();
        String after = "after-" + UUID.randomUUID();
        kafka.send(Topics.EXPIRY_DUE, before, "{}");

        try (TopicRecorder recorder = kafka.records(Topics.EXPIRY_DUE)) {
            kafka.send(Topics.EXPIRY_DUE, after, "{}");

            recorder.awaitRecord(r -> after.equals(r.key()), TIMEOUT);
            recorder.assertNoRecord(r -> before.equals(r.key()), Duration.ofMillis(500));
            assertThat(recorder.all()).extracting(ConsumerRecord::key).containsExactly(after);
        }
    }

    @Test
    void recordingATopicThatDoesNotExistFailsInsteadOfCreatingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> kafka.records("cosell.no-such-topic"))
                .withMessageContaining("does not exist");
    }

    @Test
    void mongoAnswersPingAndStoresDocuments() {
        try (MongoClient client = MongoClients.create(infrastructure.mongoUri())) {
            Document ping = client.getDatabase("admin").runCommand(new Document("ping", 1));
            assertThat(ping.get("ok", Number.class).intValue()).isEqualTo(1);

            String id = UUID.randomUUID().toString();
            MongoCollection<Document> things = client.getDatabase("test_support").getCollection("things");
            things.insertOne(new Document("_id", id).append("name", "round trip"));

            Document stored = things.find(Filters.eq("_id", id)).first();
            assertThat(stored).isNotNull();
            assertThat(stored.getString("name")).isEqualTo("round trip");
        }
    }
}
