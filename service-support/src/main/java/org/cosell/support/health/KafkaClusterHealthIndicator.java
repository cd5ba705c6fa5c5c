package org.cosell.support.health;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.concurrent.TimeUnit;

/** Checks that the Kafka cluster answers, so a service is only ready when it can consume and publish. */
public class KafkaClusterHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 3_000;

    private final Admin admin;

    public KafkaClusterHealthIndicator(KafkaAdmin kafkaAdmin) {
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MILLIS));
        String clusterId = cluster.clusterId().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        int brokers = cluster.nodes().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).size();
        builder.up().withDetail("clusterId", clusterId).withDetail("brokers", brokers);
    }

    @Override
    public void close() {
        admin.close();
    }
}
