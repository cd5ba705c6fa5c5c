package org.cosell.support.kafka;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaFailurePolicyTest {

    @Test
    void aDatabaseOutageDeepInTheChainIsWaitedOutNotDeadLettered() {
        var outage = new ListenerExecutionFailedException("listener failed",
                new DataAccessResourceFailureException("Timed out connecting to localhost:27017"));

        assertThat(KafkaConfiguration.isOutage(outage)).isTrue();
        assertThat(KafkaConfiguration.isOutage(new ListenerExecutionFailedException("listener failed",
                new IllegalStateException("bug")))).isFalse();
    }

    @Test
    void theReasonIsOursWhenWeGaveOneElseTheRootCause() {
        var invalid = new DeserializationException("failed", new byte[0], false,
                new InvalidEventException("data.customer.name: is required"));
        var bug = new ListenerExecutionFailedException("listener failed", new IllegalStateException("boom"));

        assertThat(KafkaConfiguration.reason(invalid)).isEqualTo("data.customer.name: is required");
        assertThat(KafkaConfiguration.reason(bug)).isEqualTo("IllegalStateException: boom");
    }

    @Test
    void aChangeWhoseEventIsTooLargeIsDeadLetteredWithItsReason() {
        var tooLarge = new ListenerExecutionFailedException("listener failed",
                new EventTooLargeException("cosell.referral.received.v1", 2_000_000, 1_047_552));

        assertThat(KafkaConfiguration.reason(tooLarge)).startsWith("The cosell.referral.received.v1 event");
        assertThat(KafkaConfiguration.isOutage(tooLarge)).isFalse();
    }
}
