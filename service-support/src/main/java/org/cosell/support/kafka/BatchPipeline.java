package org.cosell.support.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one way a batch listener goes through a poll. Each record is read ({@link CloudEventRecords})
 * and checked ({@link BatchHandler#check}) in the trace it carries; the items of consecutive valid
 * records are handled together as a run ({@link BatchHandler#handleRun}).
 * <p>
 * A record that cannot be read or is refused by the check fails the poll at its index
 * ({@link BatchListenerFailedException}) once the run before it is handled: the shared failure
 * policy dead-letters it alone, with its reason, the records before it are committed and those
 * after it come again in the next poll. Any other failure of a check is told as a failed write of
 * its record ({@link BatchWriteFailures#at}). A run that fails because the database is out fails the poll
 * at its first record, which the policy retries, waiting the outage out. Any other failure of a run
 * is narrowed down to its record by handling the run again one item at a time, each in its record's
 * trace, and only the record whose item still fails is blamed ({@link BatchWriteFailures}).
 */
public class BatchPipeline {

    private final RecordTraces traces;

    public BatchPipeline(RecordTraces traces) {
        this.traces = traces;
    }

    public <T> void process(List<? extends ConsumerRecord<?, ?>> records, BatchHandler<T> handler) {
        Run<T> run = new Run<>();
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<?, ?> record = records.get(index);
            T item;
            try {
                item = traces.continueFrom(record, () -> handler.check(CloudEventRecords.eventOf(record)));
            } catch (RuntimeException refused) {
                handle(run, handler);
                throw blame(index, refused);
            }
            if (item == null) {
                continue;
            }
            if (handler.alone(item)) {
                handle(run, handler);
                handleAlone(record, item, index, handler);
                continue;
            }
            Object key = handler.runKey(item);
            if (key != null && run.keys.contains(key)) {
                handle(run, handler);
            }
            run.add(index, record, item, key);
        }
        handle(run, handler);
    }

    /** Handles the run and empties it. */
    private <T> void handle(Run<T> run, BatchHandler<T> handler) {
        if (run.items.isEmpty()) {
            return;
        }
        try {
            handler.handleRun(List.copyOf(run.items));
        } catch (RuntimeException failure) {
            if (BatchWriteFailures.isOutage(failure)) {
                throw new BatchListenerFailedException("Handling a run of " + run.items.size() + " records failed",
                        failure, run.indexes.get(0));
            }
            for (int i = 0; i < run.items.size(); i++) {
                handleAlone(run.records.get(i), run.items.get(i), run.indexes.get(i), handler);
            }
        }
        run.clear();
    }

    private <T> void handleAlone(ConsumerRecord<?, ?> record, T item, int index, BatchHandler<T> handler) {
        try {
            traces.continueFrom(record, () -> handler.handleAlone(item));
        } catch (RuntimeException failure) {
            throw BatchWriteFailures.at(index, failure);
        }
    }

    private static BatchListenerFailedException blame(int index, RuntimeException refused) {
        if (refused instanceof DeserializationException unreadable) {
            return new BatchListenerFailedException(unreadable.getMessage(), unreadable, index);
        }
        return BatchWriteFailures.at(index, refused);
    }

    /** Items of consecutive records not handled yet, with their records and indexes in the poll. */
    private static final class Run<T> {

        private final List<Integer> indexes = new ArrayList<>();
        private final List<ConsumerRecord<?, ?>> records = new ArrayList<>();
        private final List<T> items = new ArrayList<>();
        private final Set<Object> keys = new HashSet<>();

        void add(int index, ConsumerRecord<?, ?> record, T item, Object key) {
            indexes.add(index);
            records.add(record);
            items.add(item);
            if (key != null) {
                keys.add(key);
            }
        }

        void clear() {
            indexes.clear();
            records.clear();
            items.clear();
            keys.clear();
        }
    }
}
