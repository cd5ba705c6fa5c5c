package org.cosell.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
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

    /** Records each service group has yet to consume (committed offset to end offset), by group. */
    static Map<String, Long> byGroup(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Long> lag = new TreeMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
            if (group.groupId().startsWith(BENCH_GROUP_PREFIX)) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            long behind = 0;
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                    behind += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                }
            }
            lag.put(group.groupId(), behind);
        }
        return lag;
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
