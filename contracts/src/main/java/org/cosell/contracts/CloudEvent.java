package org.cosell.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event in structured JSON mode, the envelope of every message on every topic.
 * A record an outside system writes in the binary content mode ({@code ce_} headers) is read into
 * the same envelope.
 * <p>
 * A small record rather than the CloudEvents Java SDK: the SDK's JSON format is built on Jackson 2,
 * while Spring Boot 4 and spring-kafka 4 are on Jackson 3, and the SDK keeps {@code data} as bytes,
 * which would mean parsing every payload twice. The record maps one to one onto the structured
 * format, and {@link EventType} gives {@code data} its type.
 *
 * @param <T> the payload record named by {@link #type()}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }

    /** A new event of {@code type}; {@code subject} is the aggregate id, also the Kafka key. */
    public static <T> CloudEvent<T> of(String id, String source, EventType type, String subject, Instant time, T data) {
        return new CloudEvent<>(SPEC_VERSION, id, source, type.id(), subject, time, DATA_CONTENT_TYPE, data);
    }
}
