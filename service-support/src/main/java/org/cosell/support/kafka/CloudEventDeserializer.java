package org.cosell.support.kafka;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/** Kafka value deserializer for CloudEvents; wrap it in an {@code ErrorHandlingDeserializer}. */
public class CloudEventDeserializer implements Deserializer<Object> {

    private final CloudEventCodec codec;

    public CloudEventDeserializer(CloudEventCodec codec) {
        this.codec = codec;
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        return codec.read(data);
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        return codec.read(topic, headers, data);
    }
}
