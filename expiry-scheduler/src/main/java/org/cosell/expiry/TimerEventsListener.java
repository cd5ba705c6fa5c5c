package org.cosell.expiry;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/** Arms and disarms timers from referral-service's and deal-service's events. */
@Component
public class TimerEventsListener {

    private static final Logger log = LoggerFactory.getLogger(TimerEventsListener.class);

    private final TimerRules rules;
    private final TimerStore store;
    private final Clock clock;

    public TimerEventsListener(TimerRules rules, TimerStore store, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.clock = clock;
    }

    @KafkaListener(id = "expiry-timer-events", topics = {Topics.REFERRAL_EVENTS, Topics.DEAL_EVENTS},
            groupId = "expiry-scheduler")
    void on(CloudEvent<Object> event) {
        Instant now = clock.instant();
        for (TimerChange change : rules.changesFor(event.data(), now)) {
            store.apply(change, now);
            log.atDebug().addKeyValue("eventId", event.id()).addKeyValue("timerId", change.timerId())
                    .log(change instanceof TimerChange.Arm ? "Armed" : "Disarmed");
        }
    }
}
