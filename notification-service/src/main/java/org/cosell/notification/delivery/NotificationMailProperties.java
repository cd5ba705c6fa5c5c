package org.cosell.notification.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How notification-service sends mail (the SMTP server itself is {@code spring.mail.*}, from
 * {@code SMTP_HOST}/{@code SMTP_PORT}).
 *
 * @param from           the sender of every mail
 * @param pollInterval   how often the sender looks for due mail when nothing woke it
 * @param initialBackoff wait after the first failed attempt; it doubles with each further one
 * @param maxBackoff     the longest wait between two attempts
 * @param maxAttempts    attempts a mail gets while the server answers but refuses it temporarily
 *                       (SMTP 4xx); a mail is never given up while the server cannot be reached
 * @param claimTimeout   how long a claimed mail is held before another sender may take it over
 */
@ConfigurationProperties("cosell.mail")
public record NotificationMailProperties(
        @DefaultValue("Cosell <no-reply@cosell.example>") String from,
        @DefaultValue("PT2S") Duration pollInterval,
        @DefaultValue("PT10S") Duration initialBackoff,
        @DefaultValue("PT10M") Duration maxBackoff,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("PT2M") Duration claimTimeout) {

    private static final int MAX_DOUBLINGS = 20;

    /** The wait after the {@code attempts}-th failed attempt. */
    public Duration backoff(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), MAX_DOUBLINGS);
        Duration wait = initialBackoff.multipliedBy(1L << doublings);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
