package org.cosell.support;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteConcernResult;
import com.mongodb.bulk.WriteConcernError;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseOutageTest {

    private static final ServerAddress SERVER = new ServerAddress("localhost", 27017);

    /** Not writable primary, stepped down, recovering, shutting down, write concern failed. */
    @ParameterizedTest
    @ValueSource(ints = {10107, 13435, 189, 11602, 11600, 91, 64})
    void aReplicaSetWithoutAWritablePrimaryIsAnOutage(int code) {
        MongoCommandException refused = new MongoCommandException(new BsonDocument("ok", new BsonInt32(0))
                .append("code", new BsonInt32(code)).append("errmsg", new BsonString("not now")), SERVER);

        assertThat(DatabaseOutage.causedBy(new DataIntegrityViolationException("write failed", refused))).isTrue();
    }

    @Test
    void theDriversNotPrimaryAndWriteConcernFailuresAreOutages() {
        assertThat(DatabaseOutage.causedBy(new MongoNotPrimaryException(new BsonDocument(), SERVER))).isTrue();
        assertThat(DatabaseOutage.causedBy(new MongoWriteConcernException(
                new WriteConcernError(64, "WriteConcernFailed", "waiting for replication timed out", new BsonDocument()),
                WriteConcernResult.unacknowledged(), SERVER))).isTrue();
    }

    @Test
    void aValueTheDatabaseRefusesIsNotAnOutage() {
        assertThat(DatabaseOutage.causedBy(new NumberFormatException(
                "Conversion to Decimal128 would require inexact rounding"))).isFalse();
        MongoCommandException badValue = new MongoCommandException(new BsonDocument("ok", new BsonInt32(0))
                .append("code", new BsonInt32(2)).append("errmsg", new BsonString("bad value")), SERVER);
        assertThat(DatabaseOutage.causedBy(badValue)).isFalse();
    }
}
