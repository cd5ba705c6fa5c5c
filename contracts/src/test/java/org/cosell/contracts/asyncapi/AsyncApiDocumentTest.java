package org.cosell.contracts.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** docs/asyncapi.yaml against the code of the contract: topics, types, records, enums and the golden samples. */
class AsyncApiDocumentTest {

    private static final JsonNode DOCUMENT = AsyncApiSchemas.document();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyGoldenSampleFitsItsMessage(EventType type) {
        assertThat(AsyncApiSchemas.violations(type.id(), GoldenSamples.json(type))).isEmpty();
    }

    @Test
    void theSchemasRefuseWhatTheConsumersRefuse() {
        String offered = GoldenSamples.json(EventType.REFERRAL_OFFERED);
        assertThat(AsyncApiSchemas.violations(EventType.REFERRAL_OFFERED.id(),
                offered.replace("\"kind\": \"MICROSOFT\"", "\"kind\": \"ROBOT\""))).isNotEmpty();
        assertThat(AsyncApiSchemas.violations(EventType.REFERRAL_OFFERED.id(),
                offered.replace("\"dunsNumber\": \"123456789\"", "\"dunsNumber\": \"12345\""))).isNotEmpty();
        assertThat(AsyncApiSchemas.violations(EventType.REFERRAL_OFFERED.id(),
                offered.replace("\"amount\": \"25000.00\"", "\"amount\": \"0.00\""))).isNotEmpty();
        assertThat(AsyncApiSchemas.violations(EventType.REFERRAL_OFFERED.id(),
                offered.replace("\"estimatedCloseDate\": \"2027-03-31\"", "\"estimatedCloseDate\": \"31.03.2027\""))).isNotEmpty();
        assertThat(AsyncApiSchemas.violations(EventType.REFERRAL_OFFERED.id(),
                offered.replace("\"specversion\": \"1.0\"", "\"specversion\": \"0.3\""))).isNotEmpty();
        assertThat(AsyncApiSchemas.violations(EventType.REFERRAL_OFFERED.id(),
                offered.replace("\"type\": \"cosell.referral.offered.v1\"", "\"type\": \"cosell.referral.received.v1\""))).isNotEmpty();
        String won = GoldenSamples.json(EventType.DEAL_WON);
        assertThat(AsyncApiSchemas.violations(EventType.DEAL_WON.id(),
                won.replace("\"time\": \"", "\"sentAt\": \""))).isNotEmpty();
        assertThat(AsyncApiSchemas.violations(EventType.REFERRAL_OFFERED.id(),
                offered.replace("\"time\": \"", "\"sentAt\": \""))).isEmpty();
        assertThat(AsyncApiSchemas.violations(EventType.DEAL_WON.id(),
                won.replace("\"partnerId\": \"4412345\",", ""))).isNotEmpty();
        assertThat(AsyncApiSchemas.violations(EventType.DEAL_WON.id(),
                won.replace("\"dealId\": \"3f1c2a9e-8b7d-4e21-9c5a-1d2e3f4a5b6c\"", "\"dealId\": \"deal-1\""))).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void whatCosellWritesCarriesItsContentTypeHeaderAndWhatUpstreamWritesNeedsNone(EventType type) {
        String json = GoldenSamples.json(type);
        AsyncApiSchemas.validate(json, Map.of("content-type", CloudEvent.CONTENT_TYPE, "traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        boolean fromUpstream = type == EventType.REFERRAL_OFFERED || type == EventType.ENGAGEMENT_RESPONSE;
        assertThat(AsyncApiSchemas.headerViolations(type.id(), Map.of())).as(type.id()).hasSize(fromUpstream ? 0 : 1);
        assertThat(AsyncApiSchemas.headerViolations(type.id(), Map.of("content-type", "application/json")))
                .as(type.id()).isNotEmpty();
    }

    @Test
    void unknownPropertiesAreAllowedAsTheConsumersIgnoreThem() {
        String offered = GoldenSamples.json(EventType.REFERRAL_OFFERED)
                .replace("\"referralId\": \"MSX-REF-000123\",", "\"referralId\": \"MSX-REF-000123\", \"industry\": \"Retail\",");
        assertThat(AsyncApiSchemas.violations(EventType.REFERRAL_OFFERED.id(), offered)).isEmpty();
    }

    @Test
    void everyEventTypeHasItsMessageOnItsTopicAndEveryMessageIsAnEventType() {
        Set<String> messageNames = new HashSet<>();
        DOCUMENT.path("components").path("messages").forEach(message -> messageNames.add(message.path("name").asString()));
        messageNames.remove("dead-letter");
        assertThat(messageNames).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(EventType.values()).map(EventType::id).toList());

        for (EventType type : EventType.values()) {
            assertThat(messageNamesOn(type.topic())).as("messages on %s", type.topic()).contains(type.id());
        }
        for (String topic : Topics.ALL) {
            assertThat(messageNamesOn(topic)).as("messages on %s", topic).containsExactlyInAnyOrderElementsOf(
                    Arrays.stream(EventType.values()).filter(type -> type.topic().equals(topic)).map(EventType::id).toList());
        }
    }

    /** The topics outside systems write take the binary content mode as well; the others do not. */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void theTopicsWrittenOutsideCosellAlsoTakeTheBinaryContentMode(EventType type) {
        boolean fromOutside = Topics.FROM_OUTSIDE.contains(type.topic());
        assertThat(AsyncApiSchemas.binaryMessageKey(type.id()).isPresent()).as(type.id()).isEqualTo(fromOutside);
        if (!fromOutside) {
            return;
        }
        JsonNode sample = JsonMapper.builder().build().readTree(GoldenSamples.json(type));
        Map<String, String> headers = new HashMap<>();
        for (String attribute : List.of("specversion", "id", "source", "type", "subject", "time")) {
            if (sample.hasNonNull(attribute)) {
                headers.put("ce_" + attribute, sample.path(attribute).asString());
            }
        }
        headers.put("ce_partnerregion", "emea");
        headers.put("content-type", "application/json; charset=utf-8");
        String data = sample.path("data").toString();

        assertThat(AsyncApiSchemas.binaryViolations(type.id(), data, headers)).as(type.id()).isEmpty();
        Map<String, String> withoutId = new HashMap<>(headers);
        withoutId.remove("ce_id");
        assertThat(AsyncApiSchemas.binaryViolations(type.id(), data, withoutId)).as(type.id()).isNotEmpty();
        assertThat(AsyncApiSchemas.binaryViolations(type.id(), data, Map.of())).as(type.id()).isNotEmpty();
        Map<String, String> xml = new HashMap<>(headers);
        xml.put("content-type", "application/xml");
        assertThat(AsyncApiSchemas.binaryViolations(type.id(), data, xml)).as(type.id()).isNotEmpty();
    }

    @Test
    void everyTopicAndItsDeadLetterTwinHaveAChannelAndNothingElseDoes() {
        List<String> expected = Stream.concat(Topics.ALL.stream(), Topics.ALL.stream().map(Topics::deadLetter)).toList();
        List<String> addresses = new ArrayList<>();
        DOCUMENT.path("channels").forEach(channel -> addresses.add(channel.path("address").asString()));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(expected);
        for (String topic : Topics.ALL) {
            assertThat(messageNamesOn(Topics.deadLetter(topic))).containsExactly("dead-letter");
        }
        JsonNode deadLetterHeaders = resolve(message("deadLetter").path("headers"));
        assertThat(names(deadLetterHeaders.path("required"))).contains(Topics.ERROR_HEADER);
        assertThat(deadLetterHeaders.path("properties").has(Topics.ERROR_HEADER)).isTrue();
    }

    @Test
    void everyMessageNamesItsContentTypeHeaderAndItsKey() {
        for (EventType type : EventType.values()) {
            JsonNode message = message(AsyncApiSchemas.messageKey(type.id()).orElseThrow());
            assertThat(message.path("contentType").asString()).as(type.id()).isEqualTo(CloudEvent.CONTENT_TYPE);
            JsonNode headers = resolve(message.path("headers"));
            assertThat(headers.path("properties").path("content-type").path("const").asString()).as(type.id())
                    .isEqualTo(CloudEvent.CONTENT_TYPE);
            assertThat(resolve(message.path("bindings")).path("kafka").path("key").path("type").asString())
                    .as("%s key", type.id()).isEqualTo("string");
        }
        JsonNode produced = resolve(message("referralReceived").path("headers"));
        assertThat(names(produced.path("required"))).contains("content-type");
    }

    @Test
    void everyChannelOfAnEventTopicHasAnOperationAndEveryOperationNamesItsService() {
        Set<String> services = Set.of("referral-service", "deal-service", "notification-service", "expiry-scheduler");
        Set<String> channelsWithOperations = new HashSet<>();
        DOCUMENT.path("operations").properties().forEach(entry -> {
            JsonNode operation = entry.getValue();
            channelsWithOperations.add(resolve(operation.path("channel")).path("address").asString());
            assertThat(operation.path("action").asString()).as(entry.getKey()).isIn("send", "receive");
            assertThat(operation.path("tags").findValuesAsString("name")).as(entry.getKey()).hasSize(1)
                    .allMatch(services::contains);
            operation.path("messages").forEach(reference -> assertThat(resolve(reference).path("name").asString())
                    .as(entry.getKey()).isNotBlank());
        });
        assertThat(channelsWithOperations).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void everyRecordComponentIsAPropertyOfItsSchemaAndEveryPropertyAComponent() {
        schemasWithJavaType().forEach((name, schema) -> {
            Class<?> type = javaType(schema);
            if (type.isRecord()) {
                assertThat(schema.path("properties").propertyNames()).as("properties of %s", name)
                        .containsExactlyInAnyOrderElementsOf(Arrays.stream(type.getRecordComponents())
                                .map(RecordComponent::getName).toList());
                assertThat(names(schema.path("required"))).as("required of %s", name)
                        .isSubsetOf(schema.path("properties").propertyNames());
            }
        });
        Set<Class<?>> described = DOCUMENT.findParents("x-java-type").stream()
                .map(AsyncApiDocumentTest::javaType).collect(Collectors.toSet());
        assertThat(described).as("every record and enum an event carries has a schema")
                .containsAll(recordsAndEnumsOfTheEvents());
    }

    @Test
    void everyEnumOfTheDocumentHoldsExactlyTheJavaConstants() {
        List<JsonNode> enums = DOCUMENT.findParents("enum");
        assertThat(enums).isNotEmpty();
        for (JsonNode schema : enums) {
            Class<?> type = javaType(schema);
            assertThat(type.isEnum()).as("%s names an enum", type).isTrue();
            assertThat(names(schema.path("enum"))).as(type.getName()).containsExactlyElementsOf(
                    Arrays.stream(type.getEnumConstants()).map(constant -> ((Enum<?>) constant).name()).toList());
        }
    }

    private static Set<Class<?>> recordsAndEnumsOfTheEvents() {
        Set<Class<?>> found = new LinkedHashSet<>();
        Deque<Type> toVisit = new ArrayDeque<>();
        Arrays.stream(EventType.values()).map(EventType::dataType).forEach(toVisit::add);
        while (!toVisit.isEmpty()) {
            Type next = toVisit.pop();
            if (next instanceof ParameterizedType parameterized) {
                toVisit.addAll(Arrays.asList(parameterized.getActualTypeArguments()));
            } else if (next instanceof Class<?> type && type.getPackageName().startsWith("org.cosell.contracts")
                    && found.add(type) && type.isRecord()) {
                Arrays.stream(type.getRecordComponents()).map(RecordComponent::getGenericType).forEach(toVisit::add);
            }
        }
        return found;
    }

    private static Map<String, JsonNode> schemasWithJavaType() {
        return DOCUMENT.path("components").path("schemas").properties().stream()
                .filter(entry -> entry.getValue().has("x-java-type"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Class<?> javaType(JsonNode schema) {
        String name = schema.path("x-java-type").asString();
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("x-java-type " + name + " is no class of the contract", e);
        }
    }

    private static List<String> messageNamesOn(String address) {
        List<String> names = new ArrayList<>();
        DOCUMENT.path("channels").forEach(channel -> {
            if (channel.path("address").asString().equals(address)) {
                channel.path("messages").forEach(message -> names.add(resolve(message).path("name").asString()));
            }
        });
        return names.stream().distinct().toList();
    }

    private static JsonNode message(String key) {
        return DOCUMENT.path("components").path("messages").path(key);
    }

    /** Follows a {@code $ref} within the document (references may point at references). */
    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String reference = current.path("$ref").asString();
            assertThat(reference).startsWith("#/");
            current = DOCUMENT.at(reference.substring(1));
            assertThat(current.isMissingNode()).as("%s resolves", reference).isFalse();
        }
        return current;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(value -> names.add(value.asString()));
        return names;
    }
}
