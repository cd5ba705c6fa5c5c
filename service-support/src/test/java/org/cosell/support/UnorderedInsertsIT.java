package org.cosell.support;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.cosell.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The insert that skips documents whose id is taken, on the embedded database. */
class UnorderedInsertsIT {

    private static final String COLLECTION = "things";

    private static MongoClient client;

    private MongoTemplate mongo;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.get().mongoUri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void newDatabase() {
        mongo = new MongoTemplate(client, "unordered-inserts-" + UUID.randomUUID());
    }

    @Test
    void insertsEveryDocumentWhenNoIdIsTaken() {
        var taken = UnorderedInserts.insertIgnoringTakenIds(mongo, COLLECTION,
                List.of(thing("a", "first"), thing("b", "second"), thing("c", "third")));

        assertThat(taken).isEmpty();
        assertThat(stored()).containsExactlyInAnyOrder("a:first", "b:second", "c:third");
    }

    @Test
    void aDocumentWhoseIdIsTakenFailsAloneLeavesTheStoredOneAsItIsAndItsNeighboursAreInserted() {
        mongo.getCollection(COLLECTION).insertOne(thing("b", "stored before"));

        var taken = UnorderedInserts.insertIgnoringTakenIds(mongo, COLLECTION,
                List.of(thing("a", "first"), thing("b", "redelivered"), thing("c", "third")));

        assertThat(taken).containsExactly(1);
        assertThat(stored()).containsExactlyInAnyOrder("a:first", "b:stored before", "c:third");
    }

    @Test
    void anIdTwiceInOneBatchIsInsertedOnceAndTheSecondPositionAnswered() {
        mongo.getCollection(COLLECTION).insertOne(thing("z", "stored before"));

        var taken = UnorderedInserts.insertIgnoringTakenIds(mongo, COLLECTION,
                List.of(thing("z", "again"), thing("a", "first"), thing("a", "again"), thing("b", "second")));

        assertThat(taken).containsExactlyInAnyOrder(0, 2);
        assertThat(stored()).containsExactlyInAnyOrder("z:stored before", "a:first", "b:second");
    }

    @Test
    void nothingToInsertIsNothingTaken() {
        assertThat(UnorderedInserts.insertIgnoringTakenIds(mongo, COLLECTION, List.of())).isEmpty();
        assertThat(stored()).isEmpty();
    }

    @Test
    void aDatabaseThatCannotBeReachedIsAnOutageNotATakenId() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + closedPort))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(200, TimeUnit.MILLISECONDS))
                .build();
        try (MongoClient unreachable = MongoClients.create(settings)) {
            MongoTemplate away = new MongoTemplate(unreachable, "unordered-inserts");

            assertThatThrownBy(() -> UnorderedInserts.insertIgnoringTakenIds(away, COLLECTION, List.of(thing("a", "first"))))
                    .isInstanceOf(DataAccessResourceFailureException.class)
                    .satisfies(failure -> assertThat(DatabaseOutage.causedBy(failure)).as("an outage").isTrue());
        }
    }

    private static Document thing(String id, String name) {
        return new Document("_id", id).append("name", name);
    }

    private List<String> stored() {
        return mongo.getCollection(COLLECTION).find().map(thing -> thing.getString("_id") + ":" + thing.getString("name"))
                .into(new ArrayList<>());
    }
}
