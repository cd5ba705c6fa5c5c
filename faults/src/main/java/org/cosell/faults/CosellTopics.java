package org.cosell.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.cosell.contracts.Topics;

/**
 * Every docs/events.md topic and its dead-letter twin, created with 3 partitions before anything produces
 * (Kafka 4.1 may drop a batch produced right after a topic is created, KAFKA-15591).
 */
final class CosellTopics {

    static final int PARTITIONS = 3;

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private CosellTopics() {
    }

    static List<String> all() {
        List<String> all = new ArrayList<>();
        for (String topic : Topics.ALL) {
            all.add(topic);
            all.add(Topics.deadLetter(topic));
        }
        return all;
    }

    static void createAll(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        List<NewTopic> topics = all().stream().map(name -> new NewTopic(name, PARTITIONS, (short) 1)).toList();
        for (var creation : admin.createTopics(topics).values().values()) {
            try {
                creation.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        awaitLeaders(admin);
    }

    /** Waits until every partition of every topic has a leader (after a creation or a broker restart). */
    static void awaitLeaders(Admin admin) throws InterruptedException, TimeoutException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(all()).allTopicNames()
                        .get(10, TimeUnit.SECONDS);
                boolean led = descriptions.values().stream()
                        .flatMap(description -> description.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
                if (led) {
                    return;
                }
            } catch (ExecutionException | TimeoutException notYet) {
                Thread.sleep(200);
                continue;
            }
            Thread.sleep(200);
        }
        throw new TimeoutException("Kafka topics have no partition leaders after " + TIMEOUT.toSeconds() + " s");
    }
}
