package org.cosell.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.cosell.stack.CosellTopics;

/** A consumer group's committed offsets on one topic: reading them, resetting them, waiting for no lag. */
final class ConsumerGroups {

    private ConsumerGroups() {
    }

    static List<TopicPartition> partitions(String topic) {
        return IntStream.range(0, CosellTopics.PARTITIONS)
                .mapToObj(partition -> new TopicPartition(topic, partition)).toList();
    }

    static Map<TopicPartition, Long> offsets(Admin admin, String topic, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions(topic).forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> entry
                : admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet()) {
            offsets.put(entry.getKey(), entry.getValue().offset());
        }
        return offsets;
    }

    static Map<TopicPartition, Long> committed(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> committed = new HashMap<>();
        for (TopicPartition partition : partitions(topic)) {
            OffsetAndMetadata offset = all.get(partition);
            committed.put(partition, offset == null ? 0L : offset.offset());
        }
        return committed;
    }

    static long lag(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, Long> end = offsets(admin, topic, OffsetSpec.latest());
        Map<TopicPartition, Long> committed = committed(admin, group, topic);
        return end.entrySet().stream().mapToLong(entry -> entry.getValue() - committed.get(entry.getKey())).sum();
    }

    /**
     * Sets the group's offsets on {@code topic} to the earliest ones and answers how many records the
     * group will read again. The group must have no members;
     * a member that has not left yet is waited for.
     */
    static long resetToEarliest(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, Long> earliest = offsets(admin, topic, OffsetSpec.earliest());
        Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
        earliest.forEach((partition, offset) -> reset.put(partition, new OffsetAndMetadata(offset)));
        long lagBefore = lag(admin, group, topic);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                admin.alterConsumerGroupOffsets(group, reset).all().get(30, TimeUnit.SECONDS);
                return lag(admin, group, topic) - lagBefore;
            } catch (Exception groupStillActive) {
                if (Instant.now().isAfter(deadline)) {
                    throw groupStillActive;
                }
                Thread.sleep(1_000);
            }
        }
    }
}
