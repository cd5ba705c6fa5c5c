package org.cosell.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Every topic of docs/events.md, each with its {@code <topic>.DLT} twin, created before any service
 * starts: Kafka 4.1 may drop a batch produced right after a topic is created (KAFKA-15591).
 * The names are kept here, not taken from the contracts module, so the launcher builds on its own;
 * keep them in step with docs/events.md.
 */
final class CosellTopics {

    static final int PARTITIONS = 3;

    /** docs/events.md, in the order of its table. */
    static final List<String> SOURCES = List.of(
            "cosell.referrals.inbound",
            "cosell.referrals.events",
            "cosell.deals.events",
            "cosell.engagements.outbound",
            "cosell.engagements.responses",
            "cosell.expiry.due",
            "cosell.deal-outcomes");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private CosellTopics() {
    }

    static String deadLetter(String topic) {
        return topic + ".DLT";
    }

    /** Every source topic and its dead-letter twin. */
    static List<String> all() {
        List<String> all = new ArrayList<>();
        for (String topic : SOURCES) {
            all.add(topic);
            all.add(deadLetter(topic));
        }
        return List.copyOf(all);
    }

    /**
     * Creates every topic that does not exist yet with {@link #PARTITIONS} partitions (replication
     * factor 1) and waits until each partition has a leader.
     */
    static void createAll(String bootstrapServers) throws LaunchException {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "cosell-local");
        try (Admin admin = Admin.create(config)) {
            List<NewTopic> topics = all().stream().map(name -> new NewTopic(name, PARTITIONS, (short) 1)).toList();
            for (var created : admin.createTopics(topics).values().entrySet()) {
                awaitCreated(created.getKey(), created.getValue());
            }
            awaitLeaders(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while creating the Kafka topics", e);
        }
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> creation)
            throws LaunchException, InterruptedException {
        try {
            creation.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new LaunchException("Could not create topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new LaunchException("Kafka did not create topic " + topic + " within " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static void awaitLeaders(Admin admin) throws LaunchException, InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(all()).allTopicNames()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                boolean allLed = descriptions.values().stream()
                        .flatMap(description -> description.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
                if (allLed) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // metadata not there yet; try again until the deadline
            }
            if (Instant.now().isAfter(deadline)) {
                throw new LaunchException("Kafka topics have no partition leader after " + TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }
}
