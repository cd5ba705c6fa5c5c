package org.cosell.expiry;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.deal.DealCosellRequested;
import org.cosell.contracts.deal.DealEngagementChanged;
import org.cosell.contracts.deal.DealLost;
import org.cosell.contracts.deal.DealWon;
import org.cosell.contracts.expiry.ExpiryDue;
import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.contracts.referral.ReferralExpired;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.support.kafka.CloudEventCodec;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestInfrastructure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** The events that arm and disarm timers, as referral-service and deal-service publish them, and ways to send them. */
final class TimerEventFixtures {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String CONSUMER_GROUP = "expiry-scheduler";

    private static final CloudEventCodec CODEC = new CloudEventCodec();
    private static Admin admin;

    private TimerEventFixtures() {
    }

    static String partnerId() {
        return Long.toString(1_000_000 + (long) (Math.random() * 8_999_999));
    }

    static String referralReceived(UUID opportunityId, String partnerId, Instant respondBy) {
        return event(EventType.REFERRAL_RECEIVED, "/cosell/referral-service", opportunityId, new ReferralReceived(
                opportunityId, "REF-" + opportunityId, partnerId, null, null, null, Instant.now(), respondBy));
    }

    /** {@code cosell.referral.accepted.v1}, {@code .declined.v1} or {@code .expired.v1}. */
    static String referralSettled(EventType type, UUID opportunityId, String partnerId) {
        Instant now = Instant.now();
        String referralId = "REF-" + opportunityId;
        Object data = switch (type) {
            case REFERRAL_ACCEPTED -> new ReferralAccepted(opportunityId, referralId, partnerId, null, null, null, now, now);
            case REFERRAL_DECLINED -> new ReferralDeclined(opportunityId, referralId, partnerId, null, null, null, now, now);
            case REFERRAL_EXPIRED -> new ReferralExpired(opportunityId, referralId, partnerId, null, now, now);
            default -> throw new IllegalArgumentException(type + " does not settle a referral");
        };
        return event(type, "/cosell/referral-service", opportunityId, data);
    }

    static String cosellRequested(UUID dealId, String partnerId, Instant respondBy) {
        return event(EventType.DEAL_COSELL_REQUESTED, "/cosell/deal-service", dealId,
                new DealCosellRequested(dealId, partnerId, "Need an architect", Instant.now(), respondBy, null, null));
    }

    static String engagementChanged(UUID dealId, String partnerId, EngagementStatus status) {
        return engagementChanged(dealId, partnerId, status, null);
    }

    /** An engagement change of the co-sell request whose window ends at {@code respondBy}. */
    static String engagementChanged(UUID dealId, String partnerId, EngagementStatus status, Instant respondBy) {
        return event(EventType.DEAL_ENGAGEMENT_CHANGED, "/cosell/deal-service", dealId,
                new DealEngagementChanged(dealId, partnerId, "Deal", status, null, null, List.of(), Instant.now(), null,
                        respondBy));
    }

    /** {@code cosell.deal.won.v1} or {@code .lost.v1}. */
    static String dealSettled(EventType type, UUID dealId, String partnerId) {
        Object data = switch (type) {
            case DEAL_WON -> new DealWon(dealId, partnerId, null, Instant.now());
            case DEAL_LOST -> new DealLost(dealId, partnerId, null, null, Instant.now());
            default -> throw new IllegalArgumentException(type + " does not settle a deal");
        };
        return event(type, "/cosell/deal-service", dealId, data);
    }

    static RecordMetadata send(String topic, UUID key, String json) {
        return KafkaTestClient.shared().send(topic, key.toString(), json);
    }

    /** Sends, then waits until the scheduler has consumed the record: what it was going to do is done. */
    static void sendAndAwaitConsumed(String topic, UUID key, String json) {
        RecordMetadata sent = send(topic, key, json);
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        await("the scheduler consumed " + partition + "@" + sent.offset()).atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    OffsetAndMetadata committed = admin().listConsumerGroupOffsets(CONSUMER_GROUP)
                            .partitionsToOffsetAndMetadata().get().get(partition);
                    return committed != null && committed.offset() > sent.offset();
                });
    }

    static CloudEvent<Object> readEvent(ConsumerRecord<String, String> record) {
        return CODEC.read(record.value().getBytes(StandardCharsets.UTF_8));
    }

    static ExpiryDue readDue(ConsumerRecord<String, String> record) {
        return (ExpiryDue) readEvent(record).data();
    }

    private static String event(EventType type, String source, UUID subject, Object data) {
        return CODEC.writeAsString(CloudEvent.of(UUID.randomUUID().toString(), source, type, subject.toString(),
                Instant.now(), data));
    }

    private static synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestInfrastructure.get().kafkaBootstrapServers()));
            Runtime.getRuntime().addShutdownHook(new Thread(admin::close, "expiry-test-admin-close"));
        }
        return admin;
    }
}
