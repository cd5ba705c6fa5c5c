package org.cosell.expiry;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.expiry.ExpiryDue;
import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.support.kafka.CloudEventCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiryDuePublisherTest {

    private static final UUID TARGET = UUID.fromString("3f1c2a9e-8b7d-4e21-9c5a-1d2e3f4a5b6c");

    private final ExpiryDuePublisher publisher = new ExpiryDuePublisher(null, "/cosell/expiry-scheduler");

    @Test
    void theEventOfATimerIsTheSameEveryTimeItIsPublished() {
        ExpiryTimer timer = armed(ExpiryKind.REFERRAL_RESPONSE, TARGET);

        CloudEvent<ExpiryDue> first = publisher.eventFor(timer);
        CloudEvent<ExpiryDue> again = publisher.eventFor(claimedAgain(timer));

        assertThat(again).isEqualTo(first);
        assertThat(UUID.fromString(first.id())).isNotNull();
    }

    @Test
    void everyTimerHasItsOwnEventId() {
        UUID otherTarget = UUID.randomUUID();

        assertThat(publisher.eventFor(armed(ExpiryKind.REFERRAL_RESPONSE, TARGET)).id())
                .isNotEqualTo(publisher.eventFor(armed(ExpiryKind.REFERRAL_REMINDER, TARGET)).id())
                .isNotEqualTo(publisher.eventFor(armed(ExpiryKind.REFERRAL_RESPONSE, otherTarget)).id());
    }

    @Test
    void theEventHasTheShapeOfTheGoldenSample() {
        CloudEvent<Object> golden = new CloudEventCodec().read(
                GoldenSamples.json(EventType.EXPIRY_DUE).getBytes(StandardCharsets.UTF_8));
        ExpiryDue goldenData = (ExpiryDue) golden.data();
        ExpiryTimer timer = new ExpiryTimer(ExpiryTimer.idOf(goldenData.kind(), goldenData.targetId()), goldenData.kind(),
                goldenData.targetId(), goldenData.partnerId(), goldenData.dueAt(), null, TimerState.FIRING, null,
                goldenData.dueAt(), null);

        CloudEvent<ExpiryDue> event = publisher.eventFor(timer);

        assertThat(event).usingRecursiveComparison().ignoringFields("id").isEqualTo(golden);
        CloudEvent<Object> wire = new CloudEventCodec().read(new CloudEventCodec().write(event));
        assertThat(wire.data()).isEqualTo(goldenData);
    }

    private static ExpiryTimer armed(ExpiryKind kind, UUID target) {
        Instant due = Instant.parse("2026-12-08T10:00:01Z");
        return new ExpiryTimer(ExpiryTimer.idOf(kind, target), kind, target, "4412345", due, null, TimerState.FIRING,
                new ExpiryTimer.Lease("replica-a", "claim-1", due.plusSeconds(30)), due.minusSeconds(60), null);
    }

    private static ExpiryTimer claimedAgain(ExpiryTimer timer) {
        return new ExpiryTimer(timer.id(), timer.kind(), timer.targetId(), timer.partnerId(), timer.dueAt(),
                timer.staleAt(), TimerState.FIRING, new ExpiryTimer.Lease("replica-b", "claim-2", timer.dueAt().plusSeconds(90)),
                timer.armedAt(), null);
    }
}
