package org.cosell.notification.delivery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.cosell.support.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Delivers recorded mail on its own thread, so the Kafka consumer never waits for or fails on the
 * mail server. It is woken right after mail is recorded and also polls, and works through every
 * due PENDING mail, oldest due first. A failed attempt leaves the mail PENDING with a doubling
 * back-off; while the circuit breaker is open the round ends without touching the rest. A mail is
 * given up (FAILED) only when the server refuses it: at once for a permanent refusal, after
 * {@code maxAttempts} for a temporary one. An outage, however long, loses nothing.
 */
@Component
public class PendingMailSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PendingMailSender.class);
    private static final int ROUND_SIZE = 100;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final NotificationStore store;
    private final SmtpMailer mailer;
    private final MailMetrics metrics;
    private final NotificationMailProperties properties;
    private final Clock clock;
    private final BackgroundLoop loop;

    public PendingMailSender(NotificationStore store, SmtpMailer mailer, MailMetrics metrics,
                             NotificationMailProperties properties, Clock clock) {
        this.store = store;
        this.mailer = mailer;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.loop = new BackgroundLoop("pending-mail-sender", properties.pollInterval(), STOP_TIMEOUT,
                () -> deliverDue() == ROUND_SIZE);
    }

    /** Deliver soon: mail was just recorded. */
    public void wakeUp() {
        loop.wakeUp();
    }

    /** One round over the due mail; answers how many mails it attempted. */
    int deliverDue() {
        int attempted = 0;
        while (loop.isRunning() && attempted < ROUND_SIZE && deliverNext()) {
            attempted++;
        }
        return attempted;
    }

    /** Claims and tries the next due mail; answers false when none was due or the circuit breaker is open. */
    boolean deliverNext() {
        Instant now = clock.instant();
        Optional<Notification> claimed = store.claimNextDue(now, now.plus(properties.claimTimeout()));
        return claimed.isPresent() && deliver(claimed.get());
    }

    /**
     * Answers false when the circuit breaker refused the attempt, which ends the round. The send
     * and the status update are apart on purpose: a failure to record SENT must not be taken for
     * a failed send (the lease then runs out and the mail goes again, the one window for a double).
     */
    private boolean deliver(Notification mail) {
        int attempt = mail.attempts() + 1;
        RuntimeException failure = null;
        try {
            mailer.send(mail);
        } catch (CallNotPermittedException circuitOpen) {
            store.release(mail.id(), clock.instant());
            return false;
        } catch (RuntimeException e) {
            failure = e;
        }
        if (failure == null) {
            store.markSent(mail.id(), attempt, clock.instant());
            metrics.sent(mail.kind());
        } else if (failure instanceof MailRefusedException refused
                && (refused.permanent() || attempt >= properties.maxAttempts())) {
            log.warn("Mail {} ({}) FAILED after {} attempt(s): {}", mail.id(), mail.kind(), attempt,
                    refused.getMessage());
            store.markFailed(mail.id(), attempt, clock.instant(), refused.getMessage());
            metrics.failed(mail.kind());
        } else {
            retryLater(mail, attempt, failure);
        }
        return true;
    }

    private void retryLater(Notification mail, int attempt, RuntimeException failure) {
        Instant now = clock.instant();
        log.debug("Mail {} attempt {} failed, retrying later: {}", mail.id(), attempt, failure.getMessage());
        store.retryLater(mail.id(), attempt, now, now.plus(properties.backoff(attempt)), failure.getMessage());
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
