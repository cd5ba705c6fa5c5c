package org.cosell.contracts.asyncapi;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The AsyncAPI document of the topics ({@code docs/asyncapi.yaml}, shipped in this module's test jar)
 * and a check of an event against the schema of its message. A service test that depends on the
 * {@code contracts} test jar (and on {@code com.networknt:json-schema-validator}, test scope) checks
 * a record it read from a topic with {@code AsyncApiSchemas.validate(record.value(), headers)}: the
 * type id is read from the event, {@code headers} maps each Kafka header name to its text. Or it gets
 * the violations with {@code violations(typeId, json)} and {@code headerViolations(typeId, headers)}.
 * <p>
 * The schemas are checked as JSON Schema draft 7, the dialect AsyncAPI 3.0 schemas extend, with
 * {@code format} asserted (dates, date-times, UUIDs), so a wrong date fails as a wrong type does.
 */
public final class AsyncApiSchemas {

    /** Where the document is on the test class path. */
    public static final String RESOURCE = "/org/cosell/contracts/asyncapi/asyncapi.yaml";
    private static final String DOCUMENT_IRI = "urn:cosell:asyncapi";
    private static final String STRUCTURED = "application/cloudevents+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode DOCUMENT = read();
    /** Draft 7, told that {@code x-java-type} (the record a schema describes) is no rule to check. */
    private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft7())
            .keyword(new NonValidationKeyword("x-java-type"))
            .build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(DIALECT,
            builder -> builder
                    .schemas(Map.of(DOCUMENT_IRI, JSON.writeValueAsString(DOCUMENT)))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<String, Schema> PAYLOADS = new ConcurrentHashMap<>();
    private static final Map<String, Schema> HEADERS = new ConcurrentHashMap<>();

    private AsyncApiSchemas() {
    }

    /** The whole document, for tests that compare it with the code. */
    public static JsonNode document() {
        return DOCUMENT;
    }

    /**
     * The key under {@code components.messages} of the message named {@code typeId} in structured mode
     * ({@code application/cloudevents+json}), if there is one.
     */
    public static Optional<String> messageKey(String typeId) {
        return messageKey(typeId, true);
    }

    /**
     * The key of the message named {@code typeId} in the binary content mode (its attributes in
     * {@code ce_} headers, {@code data} as the value), if its topic takes that mode.
     */
    public static Optional<String> binaryMessageKey(String typeId) {
        return messageKey(typeId, false);
    }

    private static Optional<String> messageKey(String typeId, boolean structured) {
        return DOCUMENT.path("components").path("messages").properties().stream()
                .filter(message -> typeId.equals(message.getValue().path("name").asString(null)))
                .filter(message -> structured == STRUCTURED.equals(message.getValue().path("contentType").asString(null)))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /**
     * What is wrong with a binary-mode record of {@code typeId}: its value {@code dataJson} (the
     * event's {@code data}) and its {@code headers} (name to text); empty when it fits the document.
     */
    public static List<String> binaryViolations(String typeId, String dataJson, Map<String, String> headers) {
        String key = binaryMessageKey(typeId)
                .orElseThrow(() -> new AssertionError("docs/asyncapi.yaml has no binary-mode message named " + typeId));
        List<String> violations = new ArrayList<>();
        schema(key, "payload").validate(JSON.readTree(dataJson)).forEach(error -> violations.add(error.toString()));
        schema(key, "headers").validate(JSON.valueToTree(headers))
                .forEach(error -> violations.add("headers: " + error));
        return violations;
    }

    /** What is wrong with {@code json} as an event of {@code typeId}; empty when it fits the document. */
    public static List<String> violations(String typeId, String json) {
        Schema schema = PAYLOADS.computeIfAbsent(typeId, type -> messageSchema(type, "payload"));
        List<Error> errors = schema.validate(JSON.readTree(json));
        return errors.stream().map(Error::toString).toList();
    }

    /** What is wrong with the Kafka {@code headers} (name to text) of a record carrying an event of {@code typeId}. */
    public static List<String> headerViolations(String typeId, Map<String, String> headers) {
        Schema schema = HEADERS.computeIfAbsent(typeId, type -> messageSchema(type, "headers"));
        return schema.validate(JSON.valueToTree(headers)).stream().map(Error::toString).toList();
    }

    /** Fails with every violation when {@code json}, an event of its own {@code type}, does not fit the document. */
    public static void validate(String json) {
        validate(typeOf(json), json);
    }

    /**
     * Fails with every violation when a record's value {@code json}, an event of its own {@code type},
     * or its {@code headers} do not fit the document.
     */
    public static void validate(String json, Map<String, String> headers) {
        String typeId = typeOf(json);
        List<String> violations = new ArrayList<>(violations(typeId, json));
        headerViolations(typeId, headers).forEach(violation -> violations.add("headers: " + violation));
        fail(typeId, violations, json);
    }

    /** Fails with every violation when {@code json} does not fit the message {@code typeId}. */
    public static void validate(String typeId, String json) {
        fail(typeId, violations(typeId, json), json);
    }

    private static void fail(String typeId, List<String> violations, String json) {
        if (!violations.isEmpty()) {
            throw new AssertionError(typeId + " does not fit docs/asyncapi.yaml:\n  "
                    + String.join("\n  ", violations) + "\n" + json);
        }
    }

    private static String typeOf(String json) {
        String typeId = JSON.readTree(json).path("type").asString(null);
        if (typeId == null) {
            throw new AssertionError("Not a CloudEvent with a type: " + json);
        }
        return typeId;
    }

    private static Schema messageSchema(String typeId, String part) {
        String key = messageKey(typeId)
                .orElseThrow(() -> new AssertionError("docs/asyncapi.yaml has no message named " + typeId));
        return schema(key, part);
    }

    private static Schema schema(String messageKey, String part) {
        return REGISTRY.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#/components/messages/" + messageKey + "/" + part));
    }

    private static JsonNode read() {
        try (InputStream in = AsyncApiSchemas.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No " + RESOURCE + " on the class path");
            }
            return YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
