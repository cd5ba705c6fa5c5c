package org.cosell.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server's backends answer every find as mongo-java-server's own do, and read each other's files. */
class EmbeddedBackendsTest {

    private static final String COLLECTION = "opportunities";

    private static final Document OPEN_INBOUND = new Document("partnerId", "4412345").append("origin", "INBOUND")
            .append("stage", new Document("$in", List.of("RECEIVED", "ACCEPTED")));

    @TempDir
    Path data;

    @Test
    void sortedPagesAreThoseOfTheLibrarysBackendsTiesAndProjectionsIncluded() {
        List<Document> opportunities = opportunities();
        List<Function<MongoCollection<Document>, List<Document>>> finds = List.of(
                page(OPEN_INBOUND, new Document("updatedAt", -1).append("_id", 1), 0, 20),
                page(OPEN_INBOUND, new Document("updatedAt", -1).append("_id", 1), 40, 20),
                page(new Document(), new Document("updatedAt", 1), 0, 7),
                page(new Document("partnerId", "4412345"), new Document("value", -1), 5, 30),
                page(new Document("partnerId", "4412345"), new Document("customer.name", 1), 0, 15),
                page(OPEN_INBOUND, new Document("updatedAt", -1), 900, 20),
                page(OPEN_INBOUND, new Document("updatedAt", -1), 0, 0),
                collection -> collection.find(OPEN_INBOUND).into(new ArrayList<>()),
                collection -> collection.find(OPEN_INBOUND).sort(new Document("updatedAt", 1))
                        .projection(new Document("activity", 0)).into(new ArrayList<>()));

        List<List<Document>> inMemory = answers(MemoryBackend::new, opportunities, finds);
        // on disk, documents are read in _id order, not in the order they were written: equals come out in that order
        List<List<Document>> onDisk = answers(() -> new H2Backend(data.resolve("library.mv").toString()), opportunities, finds);

        assertThat(answers(EmbeddedBackends::inMemory, opportunities, finds)).isEqualTo(inMemory);
        assertThat(answers(() -> EmbeddedBackends.onDisk(data.resolve("first.mv").toString()), opportunities, finds))
                .isEqualTo(onDisk);
        assertThat(inMemory.get(0)).hasSize(20);
        assertThat(inMemory.get(0).get(0)).doesNotContainKey("activity");
    }

    /** Finds, counts, updates and deletes on {@code _id} and more, then every document as it is left. */
    @Test
    void filtersOnIdAndMoreAnswerAsTheLibrarysBackendsAndChangeTheSameDocuments() {
        List<Document> opportunities = opportunities();
        String first = opportunities.get(0).getString("_id");
        String second = opportunities.get(1).getString("_id");
        String third = opportunities.get(2).getString("_id");
        String firstPartner = opportunities.get(0).getString("partnerId");
        String secondStage = opportunities.get(1).getString("stage");
        List<Function<MongoCollection<Document>, List<Document>>> operations = List.of(
                collection -> collection.find(new Document("_id", first).append("partnerId", firstPartner)).into(new ArrayList<>()),
                collection -> collection.find(new Document("_id", first).append("partnerId", "0000")).into(new ArrayList<>()),
                collection -> collection.find(new Document("_id", new Document("$in", List.of(first, second, third)))
                        .append("origin", "INBOUND")).sort(new Document("updatedAt", -1)).into(new ArrayList<>()),
                collection -> List.of(new Document("count", collection.countDocuments(
                        new Document("_id", second).append("stage", secondStage)))),
                collection -> List.of(result(collection.updateOne(new Document("_id", first).append("version", 1),
                        new Document("$set", new Document("version", 2).append("stage", "WON"))))),
                collection -> List.of(result(collection.updateOne(new Document("_id", first).append("version", 1),
                        new Document("$set", new Document("version", 3))))),
                collection -> List.of(result(collection.replaceOne(new Document("_id", third).append("version", 1),
                        new Document("_id", third).append("version", 2).append("partnerId", "4412345")))),
                collection -> List.of(new Document("deleted", collection.deleteOne(
                        new Document("_id", second).append("stage", "NOT-" + secondStage)).getDeletedCount())),
                collection -> List.of(new Document("deleted", collection.deleteOne(
                        new Document("_id", second).append("stage", secondStage)).getDeletedCount())),
                collection -> collection.find().sort(new Document("_id", 1)).into(new ArrayList<>()));

        List<List<Document>> inMemory = answers(MemoryBackend::new, opportunities, operations);
        List<List<Document>> onDisk = answers(() -> new H2Backend(data.resolve("library.mv").toString()), opportunities, operations);

        assertThat(answers(EmbeddedBackends::inMemory, opportunities, operations)).isEqualTo(inMemory);
        assertThat(answers(() -> EmbeddedBackends.onDisk(data.resolve("ours.mv").toString()), opportunities, operations))
                .isEqualTo(onDisk);
        assertThat(inMemory.get(0)).hasSize(1);
        assertThat(inMemory.get(1)).isEmpty();
        assertThat(inMemory.get(4)).containsExactly(new Document("matched", 1L).append("modified", 1L));
        assertThat(inMemory.get(5)).containsExactly(new Document("matched", 0L).append("modified", 0L));
        assertThat(inMemory.get(9)).hasSize(opportunities.size() - 1);
    }

    /**
     * The filters the Java driver writes for {@code Filters.and} ({@code $and} at the top), with {@code _id
     * $in} lists whose ids repeat or are missing, then every document as it is left.
     */
    @Test
    void filtersOnIdInAnAndOrAListAnswerAsTheLibrarysBackendsAndChangeTheSameDocuments() {
        List<Document> opportunities = opportunities();
        List<String> ids = opportunities.stream().map(opportunity -> opportunity.getString("_id")).toList();
        List<String> someIds = new ArrayList<>(ids.subList(0, 600));
        someIds.add(ids.get(3));
        someIds.add("missing");
        String firstPartner = opportunities.get(0).getString("partnerId");
        List<Function<MongoCollection<Document>, List<Document>>> operations = List.of(
                collection -> collection.find(Filters.and(Filters.eq("_id", ids.get(0)), Filters.eq("partnerId", firstPartner)))
                        .into(new ArrayList<>()),
                collection -> collection.find(Filters.and(Filters.eq("partnerId", firstPartner), Filters.in("_id", someIds),
                        Filters.eq("origin", "INBOUND"))).sort(new Document("_id", 1)).into(new ArrayList<>()),
                collection -> collection.find(Filters.in("_id", someIds)).into(new ArrayList<>()),
                collection -> collection.find(Filters.in("_id", someIds)).sort(new Document("updatedAt", -1)).skip(5).limit(20)
                        .projection(new Document("stage", 1)).into(new ArrayList<>()),
                collection -> List.of(new Document("count", collection.countDocuments(Filters.and(Filters.in("_id", someIds),
                        Filters.or(Filters.eq("stage", "WON"), Filters.eq("value", 2_000)))))),
                collection -> List.of(result(collection.updateMany(Filters.in("_id", someIds.subList(0, 300)),
                        new Document("$set", new Document("claimId", "first"))))),
                collection -> List.of(result(collection.updateMany(Filters.and(Filters.in("_id", someIds), Filters.eq("claimId", null)),
                        new Document("$set", new Document("claimId", "second"))))),
                collection -> List.of(result(collection.updateOne(Filters.and(Filters.eq("_id", ids.get(1)), Filters.eq("version", 1)),
                        new Document("$set", new Document("version", 2))))),
                collection -> List.of(new Document("deleted", collection.deleteMany(Filters.and(Filters.in("_id", someIds),
                        Filters.eq("claimId", "first"))).getDeletedCount())),
                collection -> collection.find().sort(new Document("_id", 1)).into(new ArrayList<>()));

        List<List<Document>> inMemory = answers(MemoryBackend::new, opportunities, operations);
        List<List<Document>> onDisk = answers(() -> new H2Backend(data.resolve("library.mv").toString()), opportunities, operations);

        assertSameAnswers(answers(EmbeddedBackends::inMemory, opportunities, operations), inMemory);
        assertSameAnswers(answers(() -> EmbeddedBackends.onDisk(data.resolve("ours.mv").toString()), opportunities, operations),
                onDisk);
        assertThat(inMemory.get(0)).hasSize(1);
        assertThat(inMemory.get(2)).hasSize(600);
        assertThat(inMemory.get(3)).hasSize(20);
        assertThat(inMemory.get(6)).containsExactly(new Document("matched", 300L).append("modified", 300L));
        assertThat(inMemory.get(8)).containsExactly(new Document("deleted", 300L));
        assertThat(inMemory.get(9)).hasSize(opportunities.size() - 300);
    }

    private static void assertSameAnswers(List<List<Document>> ours, List<List<Document>> library) {
        assertThat(ours).hasSameSizeAs(library);
        for (int operation = 0; operation < library.size(); operation++) {
            assertThat(ours.get(operation)).as("answer to operation %d", operation).isEqualTo(library.get(operation));
        }
    }

    /** Every filter on {@code _id} the stack looks up itself, and the rest, which it leaves to the server. */
    @Test
    void splitsAFilterIntoItsIdConditionAndTheRest() {
        var inList = serverDocument("$in", List.of("a", "b"));
        assertThat(EmbeddedBackends.IdLookup.of(serverDocument("_id", "a"))).isNull();
        assertThat(EmbeddedBackends.IdLookup.of(serverDocument("partnerId", "4412345"))).isNull();
        assertThat(EmbeddedBackends.IdLookup.of(serverDocument("_id", inList)))
                .isEqualTo(new EmbeddedBackends.IdLookup(inList, serverDocument()));
        assertThat(EmbeddedBackends.IdLookup.of(serverDocument("_id", serverDocument("$in", List.of("a", serverDocument("b", 1))))))
                .isNull();
        assertThat(EmbeddedBackends.IdLookup.of(serverDocument("_id", serverDocument("$gt", "a")))).isNull();
        assertThat(EmbeddedBackends.IdLookup.of(serverDocument("_id", "a", "version", 1)))
                .isEqualTo(new EmbeddedBackends.IdLookup("a", serverDocument("version", 1)));
        assertThat(EmbeddedBackends.IdLookup.of(serverDocument("$and", List.of(serverDocument("version", 1),
                serverDocument("_id", inList, "claimId", "c")))))
                .isEqualTo(new EmbeddedBackends.IdLookup(inList, serverDocument("$and", List.of(serverDocument("version", 1),
                        serverDocument("claimId", "c")))));
        assertThat(EmbeddedBackends.IdLookup.of(serverDocument("$and", List.of(serverDocument("_id", "a")))))
                .isEqualTo(new EmbeddedBackends.IdLookup("a", serverDocument()));
        assertThat(EmbeddedBackends.IdLookup.of(serverDocument("$or", List.of(serverDocument("_id", "a"))))).isNull();
    }

    /** A filter as the server reads it, from keys and values in turn. */
    private static de.bwaldvogel.mongo.bson.Document serverDocument(Object... keysAndValues) {
        var document = new de.bwaldvogel.mongo.bson.Document();
        for (int index = 0; index < keysAndValues.length; index += 2) {
            document.append((String) keysAndValues[index], keysAndValues[index + 1]);
        }
        return document;
    }

    private static Document result(UpdateResult result) {
        return new Document("matched", result.getMatchedCount()).append("modified", result.getModifiedCount());
    }

    @Test
    void aFileWrittenByTheLibrarysBackendOpensWithItsDocumentsAndIndexesAndTheReverse() {
        Path file = data.resolve("cosell.mv");
        withServer(() -> new H2Backend(file.toString()), collection -> {
            collection.createIndex(Indexes.ascending("referralId"), new IndexOptions().unique(true));
            collection.insertOne(new Document("_id", "a").append("referralId", "REF-1"));
        });

        withServer(() -> EmbeddedBackends.onDisk(file.toString()), collection -> {
            assertThat(collection.find().into(new ArrayList<>())).containsExactly(new Document("_id", "a").append("referralId", "REF-1"));
            assertThatThrownBy(() -> collection.insertOne(new Document("_id", "b").append("referralId", "REF-1")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            collection.insertOne(new Document("_id", "c").append("referralId", "REF-2"));
        });

        withServer(() -> new H2Backend(file.toString()), collection ->
                assertThat(collection.find().sort(new Document("_id", 1)).map(document -> document.getString("_id"))
                        .into(new ArrayList<>())).containsExactly("a", "c"));
    }

    private static Function<MongoCollection<Document>, List<Document>> page(Bson filter, Bson order, int skip, int limit) {
        return collection -> collection.find(filter).sort(order).skip(skip).limit(limit)
                .projection(new Document("activity", 0)).into(new ArrayList<>());
    }

    /**
     * The answer to each operation in turn, and last the collection's statistics (count, and size in
     * BSON, which the server keeps up to date with every write).
     */
    private static List<List<Document>> answers(Supplier<MongoBackend> backend, List<Document> opportunities,
                                                List<Function<MongoCollection<Document>, List<Document>>> finds) {
        List<List<Document>> answers = new ArrayList<>();
        withDatabase(backend, database -> {
            MongoCollection<Document> collection = database.getCollection(COLLECTION);
            collection.insertMany(opportunities);
            finds.forEach(find -> answers.add(find.apply(collection)));
            Document stats = database.runCommand(new Document("collStats", COLLECTION));
            answers.add(List.of(new Document("count", stats.get("count")).append("size", stats.get("size"))));
        });
        return answers;
    }

    private static void withServer(Supplier<MongoBackend> backend, Consumer<MongoCollection<Document>> work) {
        withDatabase(backend, database -> work.accept(database.getCollection(COLLECTION)));
    }

    private static void withDatabase(Supplier<MongoBackend> backend, Consumer<MongoDatabase> work) {
        MongoServer server = new MongoServer(backend.get());
        try {
            InetSocketAddress address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort())) {
                work.accept(client.getDatabase("cosell-deals"));
            }
        } finally {
            server.shutdown();
        }
    }

    /** Two partners' opportunities whose sort keys repeat often, so that order among equals matters. */
    private static List<Document> opportunities() {
        Random random = new Random(11);
        List<Document> opportunities = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            opportunities.add(new Document("_id", String.format("%05d", random.nextInt(100_000)) + "-" + i)
                    .append("partnerId", i % 4 == 0 ? "5512345" : "4412345")
                    .append("origin", i % 3 == 0 ? "OUTBOUND" : "INBOUND")
                    .append("stage", List.of("RECEIVED", "ACCEPTED", "WON", "DECLINED").get(random.nextInt(4)))
                    .append("version", 1)
                    .append("updatedAt", new Date(1_700_000_000_000L + random.nextInt(50) * 1_000L))
                    .append("value", random.nextInt(10) * 1_000)
                    .append("customer", new Document("name", "Customer " + random.nextInt(40)))
                    .append("activity", List.of(new Document("kind", "RECEIVED"))));
        }
        return opportunities;
    }
}
