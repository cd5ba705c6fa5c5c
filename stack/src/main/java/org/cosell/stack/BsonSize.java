package org.cosell.stack;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The size of a document in BSON, counted rather than encoded: the number mongo-java-server's
 * {@link BsonEncoder} writes, which the server encodes every document it inserts, and every document
 * an update changes twice (before and after), only to learn for its statistics ({@code dataSize}).
 * Counting costs a walk over the document and no buffer. A value the encoder cannot write is refused
 * as the encoder refuses it.
 */
final class BsonSize {

    private static final int LENGTH = 4;
    private static final int TERMINATOR = 1;
    private static final int TYPE = 1;
    private static final int BINARY_SUBTYPE = 1;
    private static final int UUID_BYTES = 16;
    private static final int OBJECT_ID_BYTES = 12;

    private BsonSize() {
    }

    static int of(Map<String, ?> document) {
        int size = LENGTH + TERMINATOR;
        for (Map.Entry<String, ?> field : document.entrySet()) {
            size += TYPE + cStringSize(field.getKey()) + valueSize(field.getValue());
        }
        return size;
    }

    private static int valueSize(Object value) {
        if (value == null || value instanceof MaxKey || value instanceof MinKey) {
            return 0;
        } else if (value instanceof String string) {
            return LENGTH + cStringSize(string);
        } else if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> document = (Map<String, ?>) map;
            return of(document);
        } else if (value instanceof Collection<?> array) {
            int size = LENGTH + TERMINATOR;
            int index = 0;
            for (Object element : array) {
                size += TYPE + decimalDigits(index++) + TERMINATOR + valueSize(element);
            }
            return size;
        } else if (value instanceof Integer) {
            return Integer.BYTES;
        } else if (value instanceof Long || value instanceof Double || value instanceof Instant
                || value instanceof BsonTimestamp) {
            return Long.BYTES;
        } else if (value instanceof Boolean) {
            return 1;
        } else if (value instanceof UUID || value instanceof LegacyUUID) {
            return LENGTH + BINARY_SUBTYPE + UUID_BYTES;
        } else if (value instanceof ObjectId) {
            return OBJECT_ID_BYTES;
        } else if (value instanceof Decimal128) {
            return 2 * Long.BYTES;
        } else if (value instanceof BinData data) {
            return LENGTH + BINARY_SUBTYPE + data.getData().length;
        } else if (value instanceof BsonRegularExpression expression) {
            return cStringSize(expression.getPattern()) + cStringSize(expression.getOptions());
        } else if (value instanceof BsonJavaScript script) {
            return LENGTH + cStringSize(script.getCode());
        }
        BsonEncoder.determineType(value);
        throw new IllegalStateException("BSON type of " + value.getClass() + " not counted");
    }

    /** Bytes of the string in UTF-8 as {@code String.getBytes} writes it (a lone surrogate as {@code ?}), and its terminator. */
    private static int cStringSize(String string) {
        int bytes = 0;
        for (int index = 0; index < string.length(); index++) {
            char character = string.charAt(index);
            if (character < 0x80) {
                bytes += 1;
            } else if (character < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(character) && index + 1 < string.length()
                    && Character.isLowSurrogate(string.charAt(index + 1))) {
                bytes += 4;
                index++;
            } else if (Character.isSurrogate(character)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes + TERMINATOR;
    }

    private static int decimalDigits(int number) {
        int digits = 1;
        for (int rest = number / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }
}
