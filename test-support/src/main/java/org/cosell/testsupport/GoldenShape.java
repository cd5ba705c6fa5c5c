package org.cosell.testsupport;

import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Compares an event a producer published with the golden sample of its type, by shape: the same
 * field names at every level, the same kind of JSON value in each (text, number, boolean, object,
 * array) and the same nesting. A {@code null} on either side matches any kind: the samples fill in
 * optional fields that a case may leave empty, and the envelope leaves out attributes it has none of.
 */
public final class GoldenShape {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GoldenShape() {
    }

    /** @throws AssertionError naming every difference from the golden sample of the event's type */
    public static void assertMatchesGoldenSample(String publishedJson) {
        JsonNode published = JSON.readTree(publishedJson);
        String typeId = published.path("type").asString();
        EventType type = EventType.fromId(typeId)
                .orElseThrow(() -> new AssertionError("Not an event type with a golden sample: " + typeId));
        List<String> differences = differences(JSON.readTree(GoldenSamples.json(type)), published);
        if (!differences.isEmpty()) {
            throw new AssertionError(typeId + " is published in another shape than its golden sample: "
                    + String.join("; ", differences) + "\n" + publishedJson);
        }
    }

    /** How {@code published} differs in shape from {@code sample}, each named by its path; empty when alike. */
    public static List<String> differences(JsonNode sample, JsonNode published) {
        List<String> differences = new ArrayList<>();
        compare("$", sample, published, differences);
        return differences;
    }

    private static void compare(String path, JsonNode sample, JsonNode published, List<String> differences) {
        if (sample.isNull() || published.isNull()) {
            return;
        }
        if (sample.getNodeType() != published.getNodeType()) {
            differences.add(path + " is " + published.getNodeType() + ", the sample's " + sample.getNodeType());
            return;
        }
        if (sample.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            sample.properties().forEach(property -> names.add(property.getKey()));
            published.properties().forEach(property -> names.add(property.getKey()));
            for (String name : names) {
                JsonNode expected = sample.get(name);
                JsonNode actual = published.get(name);
                if (expected == null && !actual.isNull()) {
                    differences.add(path + "." + name + " is not in the sample");
                } else if (actual == null && !expected.isNull()) {
                    differences.add(path + "." + name + " is missing");
                } else if (expected != null && actual != null) {
                    compare(path + "." + name, expected, actual, differences);
                }
            }
        } else if (sample.isArray() && !sample.isEmpty()) {
            for (int index = 0; index < published.size(); index++) {
                compare(path + "[" + index + "]", sample.get(0), published.get(index), differences);
            }
        }
    }
}
