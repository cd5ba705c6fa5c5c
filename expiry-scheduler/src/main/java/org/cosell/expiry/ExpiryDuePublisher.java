package org.cosell.expiry;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.expiry.ExpiryDue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes {@code cosell.expiry.due.v1}, keyed by the target (the opportunity id). The event is a function of
 * the timer alone — its id derived from the timer id, its time the due time — so a timer published again after a
 * lost lease produces the same event, which consumers drop by id.
 */
@Component
public class ExpiryDuePublisher {

    private final KafkaTemplate<String, Object> kafka;
    private final String source;

    public ExpiryDuePublisher(KafkaTemplate<String, Object> kafka,
                              @Value("${cosell.events.source:/cosell/${spring.application.name}}") String source) {
        this.kafka = kafka;
        this.source = source;
    }

    /** Sends every timer without waiting in between, then waits for the acknowledgements; answers the acknowledged ones. */
    public List<ExpiryTimer> publish(List<ExpiryTimer> timers, Duration timeout) throws InterruptedException {
        List<CompletableFuture<?>> acknowledgements = new ArrayList<>(timers.size());
        for (ExpiryTimer timer : timers) {
            acknowledgements.add(send(timer));
        }
        kafka.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ExpiryTimer> acknowledged = new ArrayList<>(timers.size());
        for (int i = 0; i < timers.size(); i++) {
            try {
                acknowledgements.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(timers.get(i));
            } catch (ExecutionException | TimeoutException notAcknowledged) {
                // left out: the caller gives it back to be claimed again
            }
        }
        return acknowledged;
    }

    public CloudEvent<ExpiryDue> eventFor(ExpiryTimer timer) {
        ExpiryDue due = new ExpiryDue(timer.kind(), timer.targetId(), timer.partnerId(), timer.dueAt());
        return CloudEvent.of(eventIdOf(timer.id()), source, EventType.EXPIRY_DUE, timer.targetId().toString(),
                timer.dueAt(), due);
    }

    /** The same for every publication of one timer, and different for every timer. */
    public static String eventIdOf(String timerId) {
        return UUID.nameUUIDFromBytes((EventType.EXPIRY_DUE.id() + "/" + timerId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private CompletableFuture<?> send(ExpiryTimer timer) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(EventType.EXPIRY_DUE.topic(),
                timer.targetId().toString(), eventFor(timer));
        record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
