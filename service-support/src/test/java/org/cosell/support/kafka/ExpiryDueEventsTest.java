package org.cosell.support.kafka;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.expiry.ExpiryDue;
import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.support.domain.NotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpiryDueEventsTest {

    private final List<UUID> expired = new ArrayList<>();

    @Test
    void expiresTheTargetOfADeadlineOfItsKindAndLeavesOtherKindsToOtherServices() {
        UUID target = UUID.randomUUID();

        ExpiryDueEvents.expire(due(ExpiryKind.REFERRAL_RESPONSE, target), ExpiryKind.REFERRAL_RESPONSE, "referral",
                expired::add);
        ExpiryDueEvents.expire(due(ExpiryKind.REFERRAL_REMINDER, UUID.randomUUID()), ExpiryKind.REFERRAL_RESPONSE,
                "referral", expired::add);

        assertThat(expired).containsExactly(target);
    }

    @Test
    void aDeadlineWithoutATargetIsInvalidAndOneForATargetNotHeldHereIsRefused() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> ExpiryDueEvents.expire(due(ExpiryKind.ENGAGEMENT_RESPONSE, null),
                ExpiryKind.ENGAGEMENT_RESPONSE, "deal", expired::add))
                .isInstanceOf(InvalidEventException.class).hasMessage("data.targetId: is required");
        assertThatThrownBy(() -> ExpiryDueEvents.expire(due(ExpiryKind.ENGAGEMENT_RESPONSE, unknown),
                ExpiryKind.ENGAGEMENT_RESPONSE, "deal", id -> {
                    throw new NotFoundException("deal", id);
                }))
                .isInstanceOf(RejectedEventException.class).hasMessage("data.targetId: no deal " + unknown);
    }

    @Test
    void anyOtherFailureIsLeftToTheFailurePolicy() {
        DataAccessResourceFailureException outage = new DataAccessResourceFailureException("down");

        assertThatThrownBy(() -> ExpiryDueEvents.expire(due(ExpiryKind.ENGAGEMENT_RESPONSE, UUID.randomUUID()),
                ExpiryKind.ENGAGEMENT_RESPONSE, "deal", id -> {
                    throw outage;
                }))
                .isSameAs(outage);
    }

    private static CloudEvent<ExpiryDue> due(ExpiryKind kind, UUID target) {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        return CloudEvent.of(UUID.randomUUID().toString(), "/cosell/expiry-scheduler", EventType.EXPIRY_DUE,
                String.valueOf(target), now, new ExpiryDue(kind, target, "4412345", now));
    }
}
