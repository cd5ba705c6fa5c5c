package org.cosell.stack;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BsonSizeTest {

    @Test
    void countsWhatTheServersEncoderWritesForEveryTypeItStores() {
        Document document = new Document("_id", UUID.fromString("5a1f3c2e-0d3b-4a53-9d8e-2f1c7b6a4e10"))
                .append("name", "Contoso — Ünïcödé 日本 \uD83D\uDE80")
                .append("lone surrogate", "a\uD83Db\uDE80c")
                .append("nothing", null)
                .append("count", 42)
                .append("big", 9_000_000_000L)
                .append("ratio", 0.25)
                .append("flag", true)
                .append("at", Instant.parse("2026-12-03T10:15:30.123Z"))
                .append("amount", new Decimal128(new BigDecimal("1234567890123.45")))
                .append("objectId", new ObjectId())
                .append("legacy", new LegacyUUID(UUID.randomUUID()))
                .append("bytes", new BinData(new byte[] {1, 2, 3, 4, 5}))
                .append("pattern", new BsonRegularExpression("^Con.*", "i"))
                .append("timestamp", new BsonTimestamp(7L))
                .append("code", new BsonJavaScript("function () { return 1; }"))
                .append("max", MaxKey.getInstance())
                .append("min", MinKey.getInstance())
                .append("nested", new Document("city", "Milano").append("lines", List.of("Via Roma 1", "Piano 2")))
                .append("events", manyEvents())
                .append("set", new LinkedHashSet<>(Set.of("only")));

        assertThat(BsonSize.of(document)).isEqualTo(encodedSize(document));
        assertThat(BsonSize.of(new Document("_id", 1))).isEqualTo(encodedSize(new Document("_id", 1))).isEqualTo(14);
    }

    /** More than ten elements, so that array keys of two digits are counted. */
    private static List<Document> manyEvents() {
        List<Document> events = new ArrayList<>();
        for (int i = 0; i < 123; i++) {
            events.add(new Document("eventId", "event-" + i).append("attempt", i));
        }
        return events;
    }

    /** The size the server's own collection counts for the document, by encoding it. */
    private static int encodedSize(Document document) {
        CursorRegistry cursors = new CursorRegistry();
        MemoryCollection collection = new MemoryCollection(new MemoryDatabase("sizes", cursors), "documents",
                CollectionOptions.withDefaults(), cursors);
        collection.addDocument(document);
        return (Integer) collection.getStats().get("size");
    }
}
