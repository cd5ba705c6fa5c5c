package org.cosell.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * How far the services' consumer groups are behind the end of their topics. A benchmark waits for
 * zero before it starts, so the backlog of the previous one (say, 100,000 referrals being projected
 * by deal-service) does not take the CPU from the next.
 */
final class ConsumerLag {

    private static final String BENCH_GROUP_PREFIX = "bench-";

    private ConsumerLag() {
    }

    /**
     * Records each service group has yet to consume, by group: from its committed offset (or, on a
     * partition it was assigned but never committed, the partition's start) to the end offset.
     */
    static Map<String, Long> byGroup(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        List<String> groups = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId)
                .filter(groupId -> !groupId.startsWith(BENCH_GROUP_PREFIX))
                .toList();
        Map<String, ConsumerGroupDescription> descriptions = admin.describeConsumerGroups(groups).all()
                .get(10, TimeUnit.SECONDS);
        Map<String, Long> lag = new TreeMap<>();
        for (String groupId : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
            descriptions.get(groupId).members().forEach(member -> partitions.addAll(member.assignment().topicPartitions()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(admin, partitions, OffsetSpec.latest());
            Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(admin, partitions, OffsetSpec.earliest());
            long behind = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata position = committed.get(partition);
                long from = position != null ? position.offset() : starts.get(partition).offset();
                behind += Math.max(0, ends.get(partition).offset() - from);
            }
            lag.put(groupId, behind);
        }
        return lag;
    }

    private static Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin admin, Set<TopicPartition> partitions,
                                                                      OffsetSpec spec) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
    }

    /**
     * Waits until every service group has caught up; answers how long that took, or {@code null}
     * when {@code timeout} passed first.
     */
    static Duration awaitCaughtUp(Duration timeout, Consumer<String> progress) throws Exception {
        long start = System.nanoTime();
        long lastReport = 0;
        try (Admin admin = KafkaClients.admin()) {
            while (true) {
                Map<String, Long> lag = byGroup(admin);
                long total = lag.values().stream().mapToLong(Long::longValue).sum();
                long elapsed = System.nanoTime() - start;
                if (total == 0) {
                    return Duration.ofNanos(elapsed);
                }
                if (elapsed > timeout.toNanos()) {
                    progress.accept("consumers still behind after " + timeout.toSeconds() + " s: " + describe(lag));
                    return null;
                }
                if (elapsed - lastReport >= TimeUnit.SECONDS.toNanos(5)) {
                    lastReport = elapsed;
                    progress.accept(String.format(Locale.ROOT, "waiting for the services to catch up (%.0f s): %s",
                            elapsed / 1e9, describe(lag)));
                }
                Thread.sleep(500);
            }
        }
    }

    private static String describe(Map<String, Long> lag) {
        return lag.entrySet().stream().filter(entry -> entry.getValue() > 0)
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }
}
