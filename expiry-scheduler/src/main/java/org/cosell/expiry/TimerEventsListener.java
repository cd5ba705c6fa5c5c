package org.cosell.expiry;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.Topics;
import org.cosell.expiry.TimerChange.Arm;
import org.cosell.support.kafka.BatchWriteFailures;
import org.cosell.support.kafka.CloudEventRecords;
import org.cosell.support.kafka.InvalidEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Arms and disarms timers from referral-service's and deal-service's events, a poll at a time. The
 * timers a batch arms are written together in one bulk upsert — arming only inserts what is absent,
 * so their order does not matter — and written before any disarm, so that an arm and a later disarm
 * of one timer keep their order. A record that cannot be read, or lacks a field a rule needs, fails
 * the batch at its index once the changes before it are stored ({@link BatchListenerFailedException}):
 * the shared failure policy dead-letters it alone, and the records after it come again. A write that
 * fails for a reason other than a database outage is narrowed down to the record whose timer the
 * database refuses, and only that one is dead-lettered ({@link BatchWriteFailures}).
 */
@Component
public class TimerEventsListener {

    private static final Logger log = LoggerFactory.getLogger(TimerEventsListener.class);

    private final TimerRules rules;
    private final TimerStore store;
    private final ExpiryPoller poller;
    private final Clock clock;

    public TimerEventsListener(TimerRules rules, TimerStore store, ExpiryPoller poller, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.poller = poller;
        this.clock = clock;
    }

    @KafkaListener(id = "expiry-timer-events", topics = {Topics.REFERRAL_EVENTS, Topics.DEAL_EVENTS},
            groupId = "expiry-scheduler", batch = "true")
    void on(List<ConsumerRecord<String, Object>> records) {
        Instant now = clock.instant();
        PendingArms arms = new PendingArms(now);
        for (int index = 0; index < records.size(); index++) {
            CloudEvent<?> event;
            List<TimerChange> changes;
            try {
                event = CloudEventRecords.eventOf(records.get(index));
                changes = rules.changesFor(event.data(), now);
            } catch (InvalidEventException | DeserializationException invalid) {
                arms.write();
                throw new BatchListenerFailedException(invalid.getMessage(), invalid, index);
            }
            for (TimerChange change : changes) {
                if (change instanceof Arm arm) {
                    arms.add(arm, index);
                } else {
                    arms.write();
                    disarm(change, now, index);
                }
                log.atDebug().addKeyValue("eventId", event.id()).addKeyValue("timerId", change.timerId())
                        .log(change instanceof Arm ? "Arming" : "Disarmed");
            }
        }
        arms.write();
    }

    private void disarm(TimerChange change, Instant now, int index) {
        try {
            store.apply(change, now);
        } catch (RuntimeException failure) {
            throw BatchWriteFailures.at(index, failure);
        }
    }

    /** The arms of a batch not written yet, each with the index of the record it came from. */
    private final class PendingArms {

        private final Instant now;
        private final List<Arm> arms = new ArrayList<>();
        private final List<Integer> indexes = new ArrayList<>();

        PendingArms(Instant now) {
            this.now = now;
        }

        void add(Arm arm, int index) {
            arms.add(arm);
            indexes.add(index);
        }

        /**
         * Writes the arms in one bulk insert. When that fails for a reason other than an outage they
         * are written again one at a time (arming what is armed already changes nothing), so that only
         * the record whose timer the database refuses fails.
         */
        void write() {
            if (arms.isEmpty()) {
                return;
            }
            try {
                store.armAll(arms, now);
            } catch (RuntimeException failure) {
                if (BatchWriteFailures.isOutage(failure)) {
                    throw new BatchListenerFailedException("Arming " + arms.size() + " timers failed", failure,
                            indexes.get(0));
                }
                for (int i = 0; i < arms.size(); i++) {
                    try {
                        store.armAll(List.of(arms.get(i)), now);
                    } catch (RuntimeException alone) {
                        throw BatchWriteFailures.at(indexes.get(i), alone);
                    }
                }
            }
            poller.armed(arms.stream().map(Arm::dueAt).toList());
            arms.clear();
            indexes.clear();
        }
    }
}
