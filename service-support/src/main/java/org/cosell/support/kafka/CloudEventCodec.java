package org.cosell.support.kafka;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apache.kafka.common.header.Headers;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Limits;
import org.cosell.contracts.Topics;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

/**
 * Reads CloudEvents in either content mode of the Kafka binding and writes them in structured JSON
 * mode, giving {@code data} the record its {@code type} names. Its own mapper keeps the wire format
 * independent of the web layer's settings.
 */
public class CloudEventCodec {

    private final JsonMapper mapper = JsonMapper.builder().build();

    public byte[] write(CloudEvent<?> event) {
        return mapper.writeValueAsBytes(event);
    }

    public String writeAsString(CloudEvent<?> event) {
        return mapper.writeValueAsString(event);
    }

    /** Reads a record in structured mode. */
    public CloudEvent<Object> read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException("empty record: a CloudEvent in structured JSON mode is expected");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("not a CloudEvent: a JSON object is expected");
        }
        return readEnvelope(tree, "");
    }

    /**
     * Reads a record of {@code topic} in the content mode its headers say: binary mode
     * ({@link BinaryContentMode}) on the topics systems outside Cosell write ({@link Topics#FROM_OUTSIDE}),
     * structured mode otherwise. Both are held to the same rules.
     */
    public CloudEvent<Object> read(String topic, Headers headers, byte[] value) {
        if (!BinaryContentMode.isBinary(headers)) {
            return read(value);
        }
        if (!Topics.FROM_OUTSIDE.contains(topic)) {
            throw new InvalidEventException("not a CloudEvent in structured mode: " + topic
                    + " takes no binary mode (" + BinaryContentMode.ATTRIBUTE_PREFIX + " headers)");
        }
        return readEnvelope(BinaryContentMode.envelope(headers, value, mapper), BinaryContentMode.ATTRIBUTE_PREFIX);
    }

    /** {@code attributePrefix} is how the attributes are named where they came from, for the reasons given. */
    private CloudEvent<Object> readEnvelope(JsonNode tree, String attributePrefix) {
        if (!CloudEvent.SPEC_VERSION.equals(text(tree, "specversion"))) {
            throw new InvalidEventException("not a CloudEvent: " + attributePrefix + "specversion must be \"1.0\"");
        }
        for (String attribute : new String[] {"id", "source", "type"}) {
            if (text(tree, attribute).isBlank()) {
                throw new InvalidEventException("not a CloudEvent: " + attributePrefix + attribute + " is missing");
            }
        }
        for (String attribute : new String[] {"id", "source", "subject"}) {
            if (text(tree, attribute).length() > Limits.EVENT_ATTRIBUTE) {
                throw new InvalidEventException(attributePrefix + attribute + ": must be at most "
                        + Limits.EVENT_ATTRIBUTE + " characters");
            }
        }
        String typeId = text(tree, "type");
        EventType type = EventType.fromId(typeId)
                .orElseThrow(() -> new InvalidEventException(attributePrefix + "type: unknown event type " + typeId));
        JsonNode data = tree.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidEventException("data: a JSON object is required for " + typeId);
        }
        Object payload;
        try {
            payload = mapper.treeToValue(data, type.dataType());
        } catch (JacksonException e) {
            throw new InvalidEventException("data: does not match " + typeId + ": " + e.getOriginalMessage());
        }
        Attributes attributes;
        try {
            attributes = mapper.treeToValue(tree, Attributes.class);
        } catch (JacksonException e) {
            throw new InvalidEventException("not a CloudEvent: " + e.getOriginalMessage());
        }
        return new CloudEvent<>(attributes.specversion(), attributes.id(), attributes.source(), attributes.type(),
                attributes.subject(), attributes.time(), attributes.datacontenttype(), payload);
    }

    /**
     * The envelope without its {@code data}, which is read into its type above: reading the envelope as a
     * {@link CloudEvent} would convert {@code data} a second time, into maps nobody reads.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Attributes(String specversion, String id, String source, String type, String subject,
                              Instant time, String datacontenttype) {
    }

    private static String text(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        return node != null && node.isString() ? node.asString() : "";
    }
}
