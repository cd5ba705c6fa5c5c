package org.cosell.support.outbox;

import org.cosell.support.tracing.TraceContinuation;
import org.cosell.contracts.EventType;
import org.cosell.contracts.expiry.ExpiryDue;
import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.support.kafka.CloudEventCodec;
import org.cosell.support.kafka.EventTooLargeException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventRecorderTest {

    private static final int MAX_REQUEST_BYTES = 2048;

    private final EventRecorder recorder = new EventRecorder(new CloudEventCodec(), Clock.systemUTC(), "/cosell/test",
            new TraceContinuation(null, null), MAX_REQUEST_BYTES);

    @Test
    void anEventThatFitsInAProduceRequestIsRecorded() {
        OutboxEvent event = recorder.record(EventType.EXPIRY_DUE, "key", due("4412345"));

        assertThat(event.json().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(recorder.maxEventBytes());
    }

    @Test
    void anEventLargerThanKafkaTakesIsRefusedBeforeItsChangeIsStored() {
        assertThatThrownBy(() -> recorder.record(EventType.EXPIRY_DUE, "key", due("1".repeat(MAX_REQUEST_BYTES))))
                .isInstanceOf(EventTooLargeException.class)
                .hasMessageContaining("cosell.expiry.due.v1")
                .hasMessageContaining("at most " + (MAX_REQUEST_BYTES - EventRecorder.ENVELOPE_ALLOWANCE));
    }

    private static ExpiryDue due(String partnerId) {
        return new ExpiryDue(ExpiryKind.REFERRAL_RESPONSE, UUID.randomUUID(), partnerId, Instant.now());
    }
}
