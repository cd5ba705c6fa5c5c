package org.cosell.support.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cosell.contracts.Topics;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestInfrastructure;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared failure policy dead-letters a record from any partition of its topic, even into a
 * {@code .DLT} with fewer partitions than the source (made by hand, or before the source grew).
 */
class DeadLetterPartitionIT {

    @Test
    void aRecordFromAPartitionTheDeadLetterTopicLacksIsStillDeadLettered() throws Exception {
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        String source = "cosell.test.narrow-dlt-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(source, 3, (short) 1), new NewTopic(Topics.deadLetter(source), 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> admin.describeTopics(
                    List.of(source, Topics.deadLetter(source))).allTopicNames().get().values().stream()
                    .allMatch(topic -> topic.partitions().stream().allMatch(partition -> partition.leader() != null)));
        }
        DefaultKafkaProducerFactory<String, Object> producers = new DefaultKafkaProducerFactory<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
                new StringSerializer(), new CloudEventSerializer(new CloudEventCodec()));
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-partition-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        ContainerProperties properties = new ContainerProperties(source);
        properties.setMessageListener((MessageListener<String, byte[]>) record -> {
            throw new InvalidEventException("data: refused by the test");
        });
        KafkaMessageListenerContainer<String, byte[]> container = new KafkaMessageListenerContainer<>(consumers, properties);
        container.setCommonErrorHandler(new KafkaConfiguration()
                .deadLetteringErrorHandler(new KafkaTemplate<>(producers), new SimpleMeterRegistry()));
        KafkaTestClient client = new KafkaTestClient(bootstrap);
        try (TopicRecorder deadLetters = client.records(Topics.deadLetter(source))) {
            container.start();
            new KafkaTemplate<>(producers).send(new ProducerRecord<>(source, 2, "on-partition-2",
                    "{}".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);

            ConsumerRecord<String, String> letter = deadLetters.awaitRecord(
                    record -> "on-partition-2".equals(record.key()), Duration.ofSeconds(30));
            assertThat(letter.partition()).isZero();
            assertThat(KafkaTestClient.header(letter, Topics.ERROR_HEADER)).isEqualTo("data: refused by the test");
        } finally {
            container.stop();
            producers.destroy();
            client.close();
        }
    }
}
