package org.cosell.support.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.cosell.contracts.CloudEvent;

/**
 * Kafka value serializer writing CloudEvents in structured JSON mode. Bytes pass through as they
 * are: the outbox relays the JSON fixed at recording time, and dead-lettering forwards the
 * original bytes of a record that could not be read.
 */
public class CloudEventSerializer implements Serializer<Object> {

    private final CloudEventCodec codec;

    public CloudEventSerializer(CloudEventCodec codec) {
        this.codec = codec;
    }

    @Override
    public byte[] serialize(String topic, Object value) {
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof CloudEvent<?> event) {
            return codec.write(event);
        }
        throw new SerializationException("Only CloudEvents or bytes go to " + topic + ", not " + value.getClass());
    }
}
