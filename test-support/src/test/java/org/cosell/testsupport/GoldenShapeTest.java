package org.cosell.testsupport;

import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoldenShapeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyGoldenSampleHasItsOwnShape(EventType type) {
        assertThatCode(() -> GoldenShape.assertMatchesGoldenSample(GoldenSamples.json(type))).doesNotThrowAnyException();
    }

    @Test
    void otherValuesOfTheSameKindAndNullsMatch() {
        ObjectNode event = sample(EventType.OPPORTUNITY_OUTCOME);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("dealName", "Another name");
        data.putNull("registration");
        data.putNull("estimatedValue");
        ((ArrayNode) data.get("solutions")).addObject().put("id", "sol-2").put("name", "Other").put("type", "PARTNER");

        assertThat(GoldenShape.differences(sample(EventType.OPPORTUNITY_OUTCOME), event)).isEmpty();
    }

    @Test
    void aRenamedMissingExtraOrRetypedFieldIsADifference() {
        ObjectNode event = sample(EventType.DEAL_WON);
        ObjectNode data = (ObjectNode) event.get("data");
        data.set("closedAt", data.remove("wonAt"));
        ((ObjectNode) data.get("registration").get("finalValue")).put("amount", 27500.0);
        data.put("partnerId", 4412345);

        assertThat(GoldenShape.differences(sample(EventType.DEAL_WON), event)).containsExactlyInAnyOrder(
                "$.data.closedAt is not in the sample",
                "$.data.wonAt is missing",
                "$.data.registration.finalValue.amount is NUMBER, the sample's STRING",
                "$.data.partnerId is NUMBER, the sample's STRING");
        assertThatThrownBy(() -> GoldenShape.assertMatchesGoldenSample(JSON.writeValueAsString(event)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("cosell.deal.won.v1 is published in another shape");
    }

    @Test
    void anArrayElementOfAnotherShapeIsADifference() {
        ObjectNode event = sample(EventType.OPPORTUNITY_OUTCOME);
        ((ArrayNode) event.get("data").get("solutions")).addObject().put("id", "sol-2").put("title", "Other");

        assertThat(GoldenShape.differences(sample(EventType.OPPORTUNITY_OUTCOME), event)).containsExactlyInAnyOrder(
                "$.data.solutions[1].title is not in the sample",
                "$.data.solutions[1].name is missing",
                "$.data.solutions[1].type is missing");
    }

    private static ObjectNode sample(EventType type) {
        return (ObjectNode) JSON.readTree(GoldenSamples.json(type));
    }
}
