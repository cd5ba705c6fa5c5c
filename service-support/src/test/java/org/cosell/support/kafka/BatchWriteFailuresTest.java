package org.cosell.support.kafka;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.listener.BatchListenerFailedException;

import static org.assertj.core.api.Assertions.assertThat;

class BatchWriteFailuresTest {

    @Test
    void aDuplicateKeyOrATransientConflictIsRetriedNotBlamedOnTheRecord() {
        for (RuntimeException failure : new RuntimeException[] {
                new DuplicateKeyException("E11000 duplicate key error collection: deals.customers index: _id_"),
                new QueryTimeoutException("timed out")}) {
            BatchListenerFailedException told = BatchWriteFailures.at(3, failure);

            assertThat(told.getIndex()).isEqualTo(3);
            assertThat(told.getCause()).isSameAs(failure);
        }
    }

    @Test
    void aValueTheDatabaseRefusesIsTheRecordsFaultWithTheDatabasesReason() {
        BatchListenerFailedException told = BatchWriteFailures.at(2,
                new DataIntegrityViolationException("wrap", new IllegalArgumentException("too many digits for Decimal128")));

        assertThat(told.getIndex()).isEqualTo(2);
        assertThat(told.getCause()).isInstanceOf(InvalidEventException.class)
                .hasMessage("data: could not be stored: too many digits for Decimal128");
    }
}
