package org.cosell.faults;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.Topics;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays the upstream seller systems (and, where a case needs it, the scheduler): publishes records
 * with a producer that waits out a broker restart (five minutes of delivery time, idempotent).
 * Offered referrals start from the contract's golden sample, with a fresh event id.
 */
final class Upstream implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ObjectNode offeredSample;
    private final ObjectNode dueSample;

    Upstream(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000,
                ProducerConfig.CLIENT_ID_CONFIG, "cosell-faults-upstream"),
                new StringSerializer(), new ByteArraySerializer());
        offeredSample = (ObjectNode) json.readTree(GoldenSamples.json(EventType.REFERRAL_OFFERED));
        dueSample = (ObjectNode) json.readTree(GoldenSamples.json(EventType.EXPIRY_DUE));
    }

    /** The golden offered referral for {@code partnerId} with its own referral id and a fresh event id. */
    ObjectNode offer(String referralId, String partnerId) {
        ObjectNode event = offeredSample.deepCopy();
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", referralId);
        ObjectNode data = event.withObjectProperty("data");
        data.put("referralId", referralId);
        data.put("targetPartnerId", partnerId);
        return event;
    }

    ObjectNode offer(String referralId, String partnerId, Consumer<ObjectNode> changeData) {
        ObjectNode event = offer(referralId, partnerId);
        changeData.accept(event.withObjectProperty("data"));
        return event;
    }

    /** A {@code cosell.expiry.due.v1} notice for a referral's response deadline, as expiry-scheduler would send it. */
    ObjectNode responseDue(String opportunityId, String partnerId, String dueAt) {
        ObjectNode event = dueSample.deepCopy();
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", opportunityId);
        event.put("time", dueAt);
        ObjectNode data = event.withObjectProperty("data");
        data.put("kind", "REFERRAL_RESPONSE");
        data.put("targetId", opportunityId);
        data.put("partnerId", partnerId);
        data.put("dueAt", dueAt);
        return event;
    }

    CompletableFuture<RecordMetadata> sendOffer(ObjectNode offer) {
        return send(Topics.REFERRALS_INBOUND, offer.path("data").path("referralId").asString(), json.writeValueAsBytes(offer));
    }

    CompletableFuture<RecordMetadata> send(String topic, String key, ObjectNode event) {
        return send(topic, key, json.writeValueAsBytes(event));
    }

    CompletableFuture<RecordMetadata> send(String topic, String key, String value) {
        return send(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    CompletableFuture<RecordMetadata> send(String topic, String key, byte[] value) {
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, exception) -> {
            if (exception != null) {
                acknowledged.completeExceptionally(exception);
            } else {
                acknowledged.complete(metadata);
            }
        });
        return acknowledged;
    }

    String json(ObjectNode event) {
        return json.writeValueAsString(event);
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
