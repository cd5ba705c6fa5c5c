package org.cosell.notification.delivery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.cosell.support.BackgroundLoop;
import org.cosell.support.LoopLifecycle;
import org.cosell.support.SearchPacing;
import org.cosell.support.lease.LeasedClaims.Claim;
import org.cosell.support.tracing.TraceContinuation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Delivers recorded mail on its own thread, so the Kafka consumer never waits for or fails on the
 * mail server. It is woken right after mail is recorded and also polls, and works through every
 * due PENDING mail, oldest due first, claiming a round's worth at a time. A claim searches the mail
 * log (on the embedded server without its index, a read of every mail), so polls are spaced by what
 * the last claim cost ({@link SearchPacing}). A failed attempt leaves
 * the mail PENDING with a doubling back-off; while the circuit breaker is open the round ends and
 * gives the rest of its mails back untried. A mail is given up (FAILED) only when the server
 * refuses it: at once for a permanent refusal, after {@code maxAttempts} for a temporary one. An
 * outage, however long, loses nothing.
 */
@Component
public class PendingMailSender implements LoopLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PendingMailSender.class);
    private static final int ROUND_SIZE = 100;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final NotificationStore store;
    private final SmtpMailer mailer;
    private final MailMetrics metrics;
    private final NotificationMailProperties properties;
    private final TraceContinuation tracing;
    private final Clock clock;
    private final SearchPacing claimPacing;
    private final BackgroundLoop loop;
    /** Set first thing when the service stops, so that a round gives back the mails it has not tried yet. */
    private volatile boolean stopping;

    public PendingMailSender(NotificationStore store, SmtpMailer mailer, MailMetrics metrics,
                             NotificationMailProperties properties, TraceContinuation tracing, Clock clock) {
        this.store = store;
        this.mailer = mailer;
        this.metrics = metrics;
        this.properties = properties;
        this.tracing = tracing;
        this.clock = clock;
        this.claimPacing = new SearchPacing(properties.pollInterval());
        this.loop = new BackgroundLoop("pending-mail-sender", claimPacing::idleWait, STOP_TIMEOUT,
                () -> deliverDue() == ROUND_SIZE, () -> {
                });
    }

    /** Deliver soon: mail was just recorded. */
    public void wakeUp() {
        loop.wakeUp();
    }

    /**
     * One round: claims up to {@link #ROUND_SIZE} due mails and tries them in turn; answers how many
     * it tried. Mails it will not try (the circuit breaker opened, the service is stopping, or half
     * the lease is gone, so that no other sender takes a mail over while it is being sent) are given
     * back at once.
     */
    int deliverDue() {
        Instant now = clock.instant();
        long claimStarted = System.nanoTime();
        Claim<Notification> claim = store.claimDue(now, now.plus(properties.claimTimeout()), ROUND_SIZE);
        claimPacing.searched(Duration.ofNanos(System.nanoTime() - claimStarted));
        Instant sendUntil = now.plus(properties.claimTimeout().dividedBy(2));
        List<Notification> mails = claim.documents();
        int attempted = 0;
        while (attempted < mails.size() && !stopping && clock.instant().isBefore(sendUntil)
                && deliver(mails.get(attempted), claim.claimId())) {
            attempted++;
        }
        if (attempted < mails.size()) {
            List<String> untried = mails.subList(attempted, mails.size()).stream().map(Notification::id).toList();
            store.release(untried, claim.claimId(), clock.instant());
        }
        return attempted;
    }

    /**
     * Answers false when the circuit breaker refused the attempt, which ends the round. The send
     * and the status update are apart on purpose: a failure to record SENT must not be taken for
     * a failed send (the lease then runs out and the mail goes again, the one window for a double).
     * The send continues the trace of the event that caused the mail.
     */
    private boolean deliver(Notification mail, String claimId) {
        int attempt = mail.attempts() + 1;
        RuntimeException failure = null;
        try {
            tracing.within(mail.traceparent(), "mail send", () -> {
                mailer.send(mail);
                return null;
            });
        } catch (CallNotPermittedException circuitOpen) {
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
            store.markFailed(mail.id(), claimId, attempt, clock.instant(), refused.getMessage());
            metrics.failed(mail.kind());
        } else {
            retryLater(mail, claimId, attempt, failure);
        }
        return true;
    }

    private void retryLater(Notification mail, String claimId, int attempt, RuntimeException failure) {
        Instant now = clock.instant();
        log.debug("Mail {} attempt {} failed, retrying later: {}", mail.id(), attempt, failure.getMessage());
        store.retryLater(mail.id(), claimId, attempt, now, now.plus(properties.backoff(attempt)), failure.getMessage());
    }

    @Override
    public void start() {
        stopping = false;
        loop.start();
    }

    @Override
    public void stop() {
        stopping = true;
        loop.stop();
    }

    @Override
    public BackgroundLoop loop() {
        return loop;
    }
}
