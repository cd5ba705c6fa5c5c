package org.cosell.testsupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plain Kafka clients for tests: publish what an upstream system would and record what a service
 * emits. Sends wait for the broker's acknowledgement, so a test's next step sees the record there.
 */
public final class KafkaTestClient implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static KafkaTestClient shared;

    private final String bootstrapServers;
    private final Producer<String, byte[]> producer;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** One client on {@link TestInfrastructure} for the whole JVM; closed when the JVM exits. */
    public static synchronized KafkaTestClient shared() {
        if (shared == null) {
            KafkaTestClient client = new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers());
            Runtime.getRuntime().addShutdownHook(new Thread(client::close, "cosell-kafka-test-client-close"));
            shared = client;
        }
        return shared;
    }

    public RecordMetadata send(String topic, String key, String json) {
        return send(topic, key, json, Map.of());
    }

    public RecordMetadata send(String topic, String key, String json, Map<String, String> headers) {
        return send(topic, key, json == null ? null : json.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Sends raw bytes, e.g. a record that is not JSON at all. */
    public RecordMetadata send(String topic, String key, byte[] value, Map<String, String> headers) {
        List<Header> recordHeaders = headers.entrySet().stream()
                .map(header -> (Header) new RecordHeader(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8)))
                .toList();
        try {
            return producer.send(new ProducerRecord<>(topic, null, key, value, recordHeaders))
                    .get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge a record on " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + topic, e);
        }
    }

    /** Starts recording {@code topic} from its current end: every record sent after this call is seen. */
    public TopicRecorder records(String topic) {
        return new TopicRecorder(bootstrapServers, topic);
    }

    /** The last value of header {@code name} as UTF-8 text, or {@code null} if the record has none. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
