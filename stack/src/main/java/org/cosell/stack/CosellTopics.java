package org.cosell.stack;

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
import org.cosell.contracts.Topics;

/**
 * Every topic of the contracts module ({@link Topics#ALL}, docs/events.md), each with its
 * {@code <topic>.DLT} twin, created before any service starts: Kafka 4.1 may drop a batch produced
 * right after a topic is created (KAFKA-15591).
 */
public final class CosellTopics {

    public static final int PARTITIONS = 3;

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private CosellTopics() {
    }

    /** Every source topic and its dead-letter twin. */
    public static List<String> all() {
        List<String> all = new ArrayList<>();
        for (String topic : Topics.ALL) {
            all.add(topic);
            all.add(Topics.deadLetter(topic));
        }
        return List.copyOf(all);
    }

    /** {@link #createAll(Admin)} through an admin client of its own. */
    public static void createAll(String bootstrapServers) throws StackException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "cosell-stack-topics"))) {
            createAll(admin);
        }
    }

    /**
     * Creates every topic that does not exist yet with {@link #PARTITIONS} partitions (replication
     * factor 1) and waits until each partition has a leader.
     */
    public static void createAll(Admin admin) throws StackException, InterruptedException {
        List<NewTopic> topics = all().stream().map(name -> new NewTopic(name, PARTITIONS, (short) 1)).toList();
        for (var created : admin.createTopics(topics).values().entrySet()) {
            awaitCreated(created.getKey(), created.getValue());
        }
        awaitLeaders(admin);
    }

    /** Waits until every partition of every topic has a leader: after a creation, or after the broker restarted. */
    public static void awaitLeaders(Admin admin) throws StackException, InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(all()).allTopicNames()
                        .get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
                throw new StackException("Kafka topics have no partition leader after " + TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> creation) throws StackException, InterruptedException {
        try {
            creation.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new StackException("Could not create topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new StackException("Kafka did not create topic " + topic + " within " + TIMEOUT.toSeconds() + " s", e);
        }
    }
}
