package org.cosell.support.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.cosell.contracts.Topics;
import org.cosell.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.util.ReflectionTestUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a service creates the topics at start ({@code KAFKA_CREATE_TOPICS}: on for the launcher and
 * compose, off where the platform owns the topics), with which replication factor
 * ({@code KAFKA_TOPIC_REPLICATION_FACTOR}) and how many partitions ({@code KAFKA_TOPIC_PARTITIONS}), as the
 * shared defaults file maps the variables.
 */
class TopicCreationSettingsIT {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaConfiguration.class, KafkaAutoConfiguration.class))
            .withBean(SimpleMeterRegistry.class);

    @Test
    void byDefaultEveryTopicAndItsDeadLetterTwinIsCreatedOnOneReplica() {
        contexts.withInitializer(context -> variables(context, Map.of())).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(createsTopicsAtStart(context.getBean(KafkaAdmin.class))).isTrue();
            assertThat(declaredTopics(context.getBean(KafkaAdmin.NewTopics.class)))
                    .hasSize(Topics.ALL.size() * 2)
                    .extracting(NewTopic::replicationFactor)
                    .containsOnly((short) 1);
        });
    }

    @Test
    void thePlatformOwnsTheTopicsWhenCreationIsOff() {
        contexts.withInitializer(context -> variables(context, Map.of("KAFKA_CREATE_TOPICS", "false")))
                .run(context -> assertThat(createsTopicsAtStart(context.getBean(KafkaAdmin.class))).isFalse());
    }

    @Test
    void theReplicationFactorOfCreatedTopicsIsASetting() {
        contexts.withInitializer(context -> variables(context,
                        Map.of("KAFKA_TOPIC_REPLICATION_FACTOR", "3", "KAFKA_CREATE_TOPICS", "false")))
                .run(context -> assertThat(declaredTopics(context.getBean(KafkaAdmin.NewTopics.class)))
                        .extracting(NewTopic::replicationFactor)
                        .containsOnly((short) 3));
    }

    @Test
    void thePartitionCountOfCreatedTopicsIsASetting() {
        contexts.withInitializer(context -> variables(context,
                        Map.of("KAFKA_TOPIC_PARTITIONS", "12", "KAFKA_CREATE_TOPICS", "false")))
                .run(context -> assertThat(declaredTopics(context.getBean(KafkaAdmin.NewTopics.class)))
                        .extracting(NewTopic::numPartitions)
                        .containsOnly(12));
    }

    /** What KafkaAdmin is given to create; NewTopics keeps its list to its own package. */
    private static Collection<NewTopic> declaredTopics(KafkaAdmin.NewTopics topics) {
        return ReflectionTestUtils.invokeMethod(topics, "getNewTopics");
    }

    /** KafkaAdmin offers no getter for the flag it acts on when the context has started. */
    private static boolean createsTopicsAtStart(KafkaAdmin admin) {
        return (boolean) ReflectionTestUtils.getField(admin, "autoCreate");
    }

    /** The shared defaults file with these environment variables, against the test broker. */
    private static void variables(ConfigurableApplicationContext context, Map<String, Object> variables) {
        Map<String, Object> environment = new HashMap<>(variables);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.get().kafkaBootstrapServers());
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        sources.addFirst(new MapPropertySource("variables", environment));
        try {
            new YamlPropertySourceLoader().load("defaults", new ClassPathResource("cosell-service-defaults.yml"))
                    .forEach(sources::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
