package org.cosell.expiry;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.Topics;
import org.cosell.expiry.TimerChange.Arm;
import org.cosell.support.kafka.BatchHandler;
import org.cosell.support.kafka.BatchPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Arms and disarms timers from referral-service's and deal-service's events, a poll at a time
 * through the {@link BatchPipeline}. The timers a run of events arms are written together in one
 * bulk insert — arming only inserts what is absent, so their order does not matter and a run may be
 * armed again — and an event that disarms is handled alone after them, so that an arm and a later
 * disarm of one timer keep their order. The arms go to the poller's view of what is due as well; when the
 * listener is given partitions, the poller reads its view from the database again, since another replica may
 * have armed their timers.
 */
@Component
public class TimerEventsListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(TimerEventsListener.class);

    private final TimerRules rules;
    private final TimerStore store;
    private final ExpiryPoller poller;
    private final Clock clock;
    private final BatchPipeline pipeline;

    public TimerEventsListener(TimerRules rules, TimerStore store, ExpiryPoller poller, Clock clock,
                               BatchPipeline pipeline) {
        this.rules = rules;
        this.store = store;
        this.poller = poller;
        this.clock = clock;
        this.pipeline = pipeline;
    }

    @KafkaListener(id = "expiry-timer-events", topics = {Topics.REFERRAL_EVENTS, Topics.DEAL_EVENTS},
            groupId = "expiry-scheduler", batch = "true")
    void on(List<ConsumerRecord<String, Object>> records) {
        pipeline.process(records, new Changes(clock.instant()));
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (!assignments.isEmpty()) {
            poller.partitionsAssigned();
        }
    }

    /** The timer changes of the events of one poll, judged at the time it came. */
    private final class Changes implements BatchHandler<List<TimerChange>> {

        private final Instant now;

        Changes(Instant now) {
            this.now = now;
        }

        @Override
        public List<TimerChange> check(CloudEvent<?> event) {
            List<TimerChange> changes = rules.changesFor(event.data(), now);
            for (TimerChange change : changes) {
                log.atDebug().addKeyValue("eventId", event.id()).addKeyValue("timerId", change.timerId())
                        .log(change instanceof Arm ? "Arming" : "Disarming");
            }
            return changes.isEmpty() ? null : changes;
        }

        @Override
        public boolean alone(List<TimerChange> changes) {
            return !changes.stream().allMatch(Arm.class::isInstance);
        }

        @Override
        public void handleRun(List<List<TimerChange>> run) {
            List<Arm> arms = run.stream().flatMap(List::stream).map(Arm.class::cast).toList();
            store.armAll(arms, now);
            poller.armed(arms);
        }

        @Override
        public void handleAlone(List<TimerChange> changes) {
            for (TimerChange change : changes) {
                store.apply(change, now);
                if (change instanceof Arm arm) {
                    poller.armed(List.of(arm));
                }
            }
        }
    }
}
