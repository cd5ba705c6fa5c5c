package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.referral.ReferralReceived;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cosell.deal.DealFixtures.NOW;
import static org.cosell.deal.DealFixtures.referralReceived;

/** What each referral event tells of the referral, in whatever order the events come. */
class InboundReferralTest {

    private final ReferralReceived arrival = referralReceived(UUID.randomUUID());

    @Test
    void anArrivalWhileWaitingTellsTheDeadline() {
        InboundReferral arrived = InboundReferral.of(arrival.referralId(), arrival.sender(), arrival.receivedAt())
                .arrived(arrival, true);

        assertThat(arrived).isEqualTo(new InboundReferral(arrival.referralId(), arrival.sender(), arrival.respondBy(),
                arrival.receivedAt(), null, "Wants a pilot"));
    }

    @Test
    void anArrivalOvertakenByADecisionTellsWhenItArrivedButNoDeadline() {
        Instant answeredAt = NOW.plus(Duration.ofHours(3));
        InboundReferral declined = InboundReferral.of(arrival.referralId(), arrival.sender(), null).answered(answeredAt);

        assertThat(declined.arrived(arrival, false)).isEqualTo(new InboundReferral(arrival.referralId(), arrival.sender(),
                null, arrival.receivedAt(), answeredAt, "Wants a pilot"));
    }

    @Test
    void anArrivalAgainChangesNothing() {
        InboundReferral arrived = InboundReferral.of(arrival.referralId(), arrival.sender(), arrival.receivedAt())
                .arrived(arrival, true);

        assertThat(arrived.arrived(arrival, true)).isEqualTo(arrived);
    }

    @Test
    void aDecisionOrExpiryEndsTheWaitForAnAnswer() {
        InboundReferral waiting = InboundReferral.of(arrival.referralId(), arrival.sender(), arrival.receivedAt())
                .arrived(arrival, true);
        Instant acceptedAt = NOW.plus(Duration.ofHours(2));

        assertThat(waiting.answered(acceptedAt)).isEqualTo(new InboundReferral(arrival.referralId(), arrival.sender(),
                null, arrival.receivedAt(), acceptedAt, "Wants a pilot"));
        assertThat(waiting.closed()).isEqualTo(new InboundReferral(arrival.referralId(), arrival.sender(), null,
                arrival.receivedAt(), null, "Wants a pilot"));
    }
}
