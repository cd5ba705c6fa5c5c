package org.cosell.support.kafka;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.cosell.contracts.CloudEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The binary content mode of the CloudEvents Kafka protocol binding: the event's attributes in
 * {@code ce_<attribute>} headers (UTF-8 strings), the media type of {@code data} in the
 * {@code content-type} header, and {@code data} itself as the record value. A record in this mode is
 * turned into the envelope of the structured mode, so that both modes are checked by the same rules
 * and read into the same {@link CloudEvent}.
 * <p>
 * A record is in binary mode when it carries a {@code ce_} header and its {@code content-type} is
 * not a CloudEvents format ({@code application/cloudevents...}); a record without either is read
 * in structured mode, as before binary mode was accepted.
 */
final class BinaryContentMode {

    static final String ATTRIBUTE_PREFIX = "ce_";
    static final String CONTENT_TYPE = "content-type";

    private BinaryContentMode() {
    }

    static boolean isBinary(Headers headers) {
        if (headers == null) {
            return false;
        }
        Header contentType = headers.lastHeader(CONTENT_TYPE);
        if (contentType != null && utf8(contentType).toLowerCase(Locale.ROOT).startsWith("application/cloudevents")) {
            return false;
        }
        for (Header header : headers) {
            if (header.key().startsWith(ATTRIBUTE_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The structured envelope of a binary-mode record: every {@code ce_} header as the attribute it
     * names (extension attributes included), {@code content-type} as {@code datacontenttype}, and
     * the value, which must be JSON, as {@code data}.
     *
     * @throws InvalidEventException naming the header or {@code data} at fault
     */
    static ObjectNode envelope(Headers headers, byte[] value, JsonMapper mapper) {
        ObjectNode envelope = mapper.createObjectNode();
        Set<String> seen = new HashSet<>();
        for (Header header : headers) {
            if (!header.key().startsWith(ATTRIBUTE_PREFIX)) {
                continue;
            }
            String attribute = header.key().substring(ATTRIBUTE_PREFIX.length());
            if (attribute.equals("data") || attribute.equals("datacontenttype")) {
                throw new InvalidEventException(header.key() + ": not an attribute header of binary mode ("
                        + (attribute.equals("data") ? "data is the record value" : "the content-type header says it") + ")");
            }
            if (!seen.add(attribute)) {
                throw new InvalidEventException(header.key() + ": given more than once");
            }
            envelope.put(attribute, utf8(header));
        }
        checkTime(envelope);
        String contentType = contentType(headers);
        if (contentType != null) {
            envelope.put("datacontenttype", contentType);
        }
        envelope.set("data", data(value, mapper));
        return envelope;
    }

    private static void checkTime(ObjectNode envelope) {
        JsonNode time = envelope.get("time");
        if (time == null) {
            return;
        }
        try {
            OffsetDateTime.parse(time.asString());
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(ATTRIBUTE_PREFIX + "time: must be an RFC 3339 timestamp");
        }
    }

    /** The media type of the value; only JSON is read ({@code application/json} or a {@code +json} type). */
    private static String contentType(Headers headers) {
        Header header = null;
        int count = 0;
        for (Header candidate : headers.headers(CONTENT_TYPE)) {
            header = candidate;
            count++;
        }
        if (count > 1) {
            throw new InvalidEventException(CONTENT_TYPE + ": given more than once");
        }
        if (header == null) {
            return null;
        }
        String contentType = utf8(header);
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(CloudEvent.DATA_CONTENT_TYPE) && !mediaType.endsWith("+json")) {
            throw new InvalidEventException(CONTENT_TYPE + ": data must be JSON (" + CloudEvent.DATA_CONTENT_TYPE
                    + "), not " + contentType);
        }
        return contentType;
    }

    private static JsonNode data(byte[] value, JsonMapper mapper) {
        if (value == null || value.length == 0) {
            return mapper.nullNode();
        }
        try {
            return mapper.readTree(value);
        } catch (JacksonException e) {
            throw new InvalidEventException("data: not JSON: " + e.getOriginalMessage());
        }
    }

    private static String utf8(Header header) {
        byte[] value = header.value();
        if (value == null) {
            return "";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEventException(header.key() + ": must be a UTF-8 string");
        }
    }
}
