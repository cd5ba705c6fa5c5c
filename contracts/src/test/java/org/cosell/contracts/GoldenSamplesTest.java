package org.cosell.contracts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class GoldenSamplesTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everySampleReadsIntoItsRecordAndWritesBackUnchanged(EventType type) {
        String sample = GoldenSamples.json(type);
        JavaType eventType = mapper.getTypeFactory().constructParametricType(CloudEvent.class, type.dataType());

        CloudEvent<?> event = mapper.readValue(sample, eventType);

        assertThat(event.specversion()).isEqualTo(CloudEvent.SPEC_VERSION);
        assertThat(event.type()).isEqualTo(type.id());
        assertThat(event.data()).isInstanceOf(type.dataType());
        JsonNode written = mapper.valueToTree(event);
        assertThat(written).isEqualTo(mapper.readTree(sample));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void typeIdsAreLogicalVersionedNamesFoundByTheirId(EventType type) {
        assertThat(type.id()).matches("cosell\\.[a-z-]+\\.[a-z-]+\\.v\\d+");
        assertThat(EventType.fromId(type.id())).contains(type);
        assertThat(Topics.ALL).contains(type.topic());
    }

    @Test
    void unknownFieldsFromUpstreamAreIgnored() {
        String sample = GoldenSamples.json(EventType.REFERRAL_OFFERED)
                .replace("\"referralId\": \"MSX-REF-000123\",", "\"referralId\": \"MSX-REF-000123\", \"industry\": \"Retail\",");
        JavaType eventType = mapper.getTypeFactory()
                .constructParametricType(CloudEvent.class, EventType.REFERRAL_OFFERED.dataType());

        CloudEvent<?> event = mapper.readValue(sample, eventType);

        assertThat(event.data()).hasFieldOrPropertyWithValue("referralId", "MSX-REF-000123");
    }

    @Test
    void everyTypeIdIsUniqueAndEveryTopicHasADeadLetterTwin() {
        Set<String> ids = Arrays.stream(EventType.values()).map(EventType::id).collect(Collectors.toSet());
        assertThat(ids).hasSize(EventType.values().length);
        assertThat(Topics.deadLetter(Topics.REFERRALS_INBOUND)).isEqualTo("cosell.referrals.inbound.DLT");
    }
}
