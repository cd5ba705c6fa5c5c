package org.cosell.notification.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationMailPropertiesTest {

    private final NotificationMailProperties properties = new NotificationMailProperties("Cosell <no-reply@cosell.example>",
            Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(10), 8, Duration.ofMinutes(2));

    @Test
    void backsOffDoublingFromTheInitialWaitUpToTheLongest() {
        assertThat(properties.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.backoff(4)).isEqualTo(Duration.ofSeconds(80));
        assertThat(properties.backoff(7)).isEqualTo(Duration.ofMinutes(10));
        assertThat(properties.backoff(10_000)).isEqualTo(Duration.ofMinutes(10));
    }
}
