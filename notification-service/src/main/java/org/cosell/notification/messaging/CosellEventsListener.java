package org.cosell.notification.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.Topics;
import org.cosell.support.kafka.BatchWriteFailures;
import org.cosell.support.kafka.CloudEventRecords;
import org.cosell.support.kafka.InvalidEventException;
import org.cosell.support.kafka.RecordTraces;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the events that cause mail, a poll at a time. Handling one only records mail and the
 * summary it needs, both in MongoDB; sending happens elsewhere, so the mail server's health never
 * holds up this consumer.
 * <p>
 * The events are handled in their order in the poll. A run of {@code received} events — the
 * volume — is handled together ({@link MailPlanner#referralsReceived}), in a few round trips
 * whatever its length; it ends before an event of another type, which is handled alone, and before
 * a second event of an opportunity already in it. An event that cannot be read or lacks what it
 * needs fails the batch at its index ({@link BatchListenerFailedException}) once the events before
 * it are handled, so the shared failure policy dead-letters it alone, with its reason, and the
 * events after it come again in the next poll. A database outage fails the batch at the first
 * unhandled event, which the policy retries rather than dead-letters; any other failure of a run
 * is narrowed down to its event by handling the run again one event at a time, and an event the
 * database refuses alone is dead-lettered at once ({@link BatchWriteFailures}). An event handled
 * alone continues the trace its record carries; a run is handled outside any one event's trace.
 */
@Component
public class CosellEventsListener {

    private final MailPlanner planner;
    private final RecordTraces traces;

    public CosellEventsListener(MailPlanner planner, RecordTraces traces) {
        this.planner = planner;
        this.traces = traces;
    }

    @KafkaListener(id = "notification-service-events", groupId = "notification-service",
            topics = {Topics.REFERRAL_EVENTS, Topics.DEAL_EVENTS, Topics.EXPIRY_DUE}, batch = "true")
    void on(List<ConsumerRecord<String, Object>> records) {
        ReceivedRun run = new ReceivedRun();
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, Object> record = records.get(index);
            CloudEvent<?> event;
            UUID received;
            try {
                event = CloudEventRecords.eventOf(record);
                received = MailPlanner.receivedOpportunity(event);
            } catch (InvalidEventException | DeserializationException invalid) {
                handle(run);
                throw new BatchListenerFailedException(invalid.getMessage(), invalid, index);
            }
            if (received == null) {
                handle(run);
                handleAlone(record, event, index);
            } else {
                if (run.has(received)) {
                    handle(run);
                }
                run.add(index, record, event, received);
            }
        }
        handle(run);
    }

    /** Handles the run and empties it. */
    private void handle(ReceivedRun run) {
        if (run.isEmpty()) {
            return;
        }
        try {
            planner.referralsReceived(List.copyOf(run.events));
        } catch (RuntimeException failure) {
            if (BatchWriteFailures.isOutage(failure)) {
                throw new BatchListenerFailedException("Handling " + run.events.size() + " received events failed",
                        failure, run.indexes.get(0));
            }
            for (int i = 0; i < run.events.size(); i++) {
                handleAlone(run.records.get(i), run.events.get(i), run.indexes.get(i));
            }
        }
        run.clear();
    }

    private void handleAlone(ConsumerRecord<String, Object> record, CloudEvent<?> event, int index) {
        try {
            traces.continueFrom(record, () -> planner.on(event));
        } catch (RuntimeException failure) {
            throw BatchWriteFailures.at(index, failure);
        }
    }

    /** Consecutive {@code received} events of distinct opportunities, with their records and indexes in the poll. */
    private static final class ReceivedRun {

        private final List<Integer> indexes = new ArrayList<>();
        private final List<ConsumerRecord<String, Object>> records = new ArrayList<>();
        private final List<CloudEvent<?>> events = new ArrayList<>();
        private final Set<UUID> opportunities = new HashSet<>();

        boolean isEmpty() {
            return events.isEmpty();
        }

        boolean has(UUID opportunity) {
            return opportunities.contains(opportunity);
        }

        void add(int index, ConsumerRecord<String, Object> record, CloudEvent<?> event, UUID opportunity) {
            indexes.add(index);
            records.add(record);
            events.add(event);
            opportunities.add(opportunity);
        }

        void clear() {
            indexes.clear();
            records.clear();
            events.clear();
            opportunities.clear();
        }
    }
}
