package org.cosell.contracts.asyncapi;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * {@code contracts} test jar checks what it produced with
 * {@code AsyncApiSchemas.validate(record.value())} (the type id is read from the event) or
 * {@code AsyncApiSchemas.violations(typeId, json)}.
 * <p>
 * The schemas are checked as JSON Schema draft 7, the dialect AsyncAPI 3.0 schemas extend, with
 * {@code format} asserted (dates, date-times, UUIDs), so a wrong date fails as a wrong type does.
 */
public final class AsyncApiSchemas {

    /** Where the document is on the test class path. */
    public static final String RESOURCE = "/org/cosell/contracts/asyncapi/asyncapi.yaml";
    private static final String DOCUMENT_IRI = "urn:cosell:asyncapi";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode DOCUMENT = read();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder
                    .schemas(Map.of(DOCUMENT_IRI, JSON.writeValueAsString(DOCUMENT)))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<String, Schema> PAYLOADS = new ConcurrentHashMap<>();

    private AsyncApiSchemas() {
    }

    /** The whole document, for tests that compare it with the code. */
    public static JsonNode document() {
        return DOCUMENT;
    }

    /** The key under {@code components.messages} of the message named {@code typeId}, if there is one. */
    public static Optional<String> messageKey(String typeId) {
        return DOCUMENT.path("components").path("messages").properties().stream()
                .filter(message -> typeId.equals(message.getValue().path("name").asString(null)))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** What is wrong with {@code json} as an event of {@code typeId}; empty when it fits the document. */
    public static List<String> violations(String typeId, String json) {
        Schema schema = PAYLOADS.computeIfAbsent(typeId, AsyncApiSchemas::payloadSchema);
        List<Error> errors = schema.validate(JSON.readTree(json));
        return errors.stream().map(Error::toString).toList();
    }

    /** Fails with every violation when {@code json}, an event of its own {@code type}, does not fit the document. */
    public static void validate(String json) {
        String typeId = JSON.readTree(json).path("type").asString(null);
        if (typeId == null) {
            throw new AssertionError("Not a CloudEvent with a type: " + json);
        }
        validate(typeId, json);
    }

    /** Fails with every violation when {@code json} does not fit the message {@code typeId}. */
    public static void validate(String typeId, String json) {
        List<String> violations = violations(typeId, json);
        if (!violations.isEmpty()) {
            throw new AssertionError(typeId + " does not fit docs/asyncapi.yaml:\n  "
                    + String.join("\n  ", violations) + "\n" + json);
        }
    }

    private static Schema payloadSchema(String typeId) {
        String key = messageKey(typeId)
                .orElseThrow(() -> new AssertionError("docs/asyncapi.yaml has no message named " + typeId));
        return REGISTRY.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#/components/messages/" + key + "/payload"));
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
