package org.cosell.notification.delivery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.cosell.notification.mail.MailKind;
import org.cosell.notification.mail.RenderedMail;
import org.cosell.support.lease.LeasedClaims.Claim;
import org.cosell.support.tracing.TraceContinuation;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** What a delivery attempt does with each outcome; the ITs prove the same against a real SMTP server. */
class PendingMailSenderTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final NotificationMailProperties PROPERTIES = new NotificationMailProperties("no-reply@cosell.example",
            Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(10), 3, Duration.ofMinutes(2));

    private final NotificationStore store = mock(NotificationStore.class);
    private final SmtpMailer mailer = mock(SmtpMailer.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PendingMailSender sender = new PendingMailSender(store, mailer, new MailMetrics(registry, store),
            PROPERTIES, new TraceContinuation(null, null), Clock.fixed(NOW, ZoneOffset.UTC));

    private static final String CLAIM = "claim-1";

    @Test
    void theSendContinuesTheTraceOfTheEventThatCausedTheMail() {
        io.opentelemetry.api.trace.Tracer otel = SdkTracerProvider.builder().build().get("test");
        Tracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> { });
        Propagator propagator = new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()),
                otel);
        PendingMailSender tracingSender = new PendingMailSender(store, mailer, new MailMetrics(registry, store),
                PROPERTIES, new TraceContinuation(tracer, propagator), Clock.fixed(NOW, ZoneOffset.UTC));
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Notification mail = due(0, "00-" + traceId + "-00f067aa0ba902b7-01");
        AtomicReference<String> sentInTrace = new AtomicReference<>();
        doAnswer(sending -> {
            sentInTrace.set(tracer.currentSpan() == null ? null : tracer.currentSpan().context().traceId());
            return null;
        }).when(mailer).send(mail);

        assertThat(tracingSender.deliverDue()).isEqualTo(1);

        assertThat(sentInTrace).hasValue(traceId);
        assertThat(tracer.currentSpan()).as("the span ends with the send").isNull();
    }

    @Test
    void aSentMailIsMarkedSentAndCounted() {
        Notification mail = due(0);

        assertThat(sender.deliverDue()).isEqualTo(1);

        verify(store).markSent(mail.id(), 1, NOW);
        assertThat(count("cosell.mail.sent")).isEqualTo(1);
    }

    @Test
    void anUnavailableServerLeavesTheMailPendingWithABackOffHoweverOftenItFailed() {
        Notification mail = due(40);
        doThrow(new SmtpUnavailableException("down", null)).when(mailer).send(mail);

        assertThat(sender.deliverDue()).isEqualTo(1);

        verify(store).retryLater(eq(mail.id()), eq(CLAIM), eq(41), eq(NOW), eq(NOW.plus(Duration.ofMinutes(10))), anyString());
        verify(store, never()).markFailed(anyString(), anyString(), anyInt(), any(), anyString());
    }

    @Test
    void aTemporaryRefusalIsRetriedUntilTheAttemptsRunOut() {
        Notification second = due(1);
        doThrow(new MailRefusedException(false, "452 mailbox full", null)).when(mailer).send(second);
        sender.deliverDue();
        verify(store).retryLater(eq(second.id()), eq(CLAIM), eq(2), eq(NOW), eq(NOW.plus(Duration.ofSeconds(20))), anyString());

        Notification third = due(2);
        doThrow(new MailRefusedException(false, "452 mailbox full", null)).when(mailer).send(third);
        sender.deliverDue();
        verify(store).markFailed(third.id(), CLAIM, 3, NOW, "452 mailbox full");
        assertThat(count("cosell.mail.failed")).isEqualTo(1);
    }

    @Test
    void aPermanentRefusalFailsAtOnce() {
        Notification mail = due(0);
        doThrow(new MailRefusedException(true, "550 no such user", null)).when(mailer).send(mail);

        sender.deliverDue();

        verify(store).markFailed(mail.id(), CLAIM, 1, NOW, "550 no such user");
    }

    @Test
    void anOpenCircuitEndsTheRoundAndGivesTheMailsNotTriedBack() {
        Notification sent = mail(0);
        Notification refused = mail(1);
        Notification untried = mail(2);
        claimed(sent, refused, untried);
        doThrow(CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("smtp")))
                .when(mailer).send(refused);

        assertThat(sender.deliverDue()).isEqualTo(1);

        verify(store).markSent(sent.id(), 1, NOW);
        verify(store).release(List.of(refused.id(), untried.id()), CLAIM, NOW);
        verify(mailer, never()).send(untried);
        verify(store, never()).retryLater(anyString(), anyString(), anyInt(), any(), any(), anyString());
    }

    @Test
    void aRoundThatHasUsedHalfItsLeaseGivesTheRestBack() {
        Notification first = mail(0);
        Notification second = mail(1);
        Instant halfLeaseGone = NOW.plus(PROPERTIES.claimTimeout().dividedBy(2));
        Clock clock = mock(Clock.class);
        when(clock.instant()).thenReturn(NOW, NOW, halfLeaseGone);
        PendingMailSender slowSender = new PendingMailSender(store, mailer, new MailMetrics(registry, store),
                PROPERTIES, new TraceContinuation(null, null), clock);
        claimed(first, second);

        assertThat(slowSender.deliverDue()).isEqualTo(1);

        verify(mailer).send(first);
        verify(mailer, never()).send(second);
        verify(store).release(List.of(second.id()), CLAIM, halfLeaseGone);
    }

    @Test
    void nothingDueIsNothingToDo() {
        claimed();

        assertThat(sender.deliverDue()).isZero();

        verify(store, never()).release(any(), any(), any());
    }

    /** A mail tried {@code attempts} times before, claimed alone. */
    private Notification due(int attempts) {
        return due(attempts, null);
    }

    private Notification due(int attempts, String traceparent) {
        Notification mail = mail(attempts, traceparent);
        claimed(mail);
        return mail;
    }

    private static Notification mail(int attempts) {
        return mail(attempts, null);
    }

    private static Notification mail(int attempts, String traceparent) {
        Notification recorded = Notification.pending("event-" + attempts, "4412345", MailKind.REFERRAL_RECEIVED,
                "pat@fabrikam.example", new RenderedMail("Subject", "Text", "<p>Html</p>"), traceparent, NOW);
        return new Notification(recorded.id(), recorded.eventId(), recorded.partnerId(), recorded.kind(),
                recorded.recipient(), recorded.subject(), recorded.text(), recorded.html(), recorded.status(), attempts,
                recorded.createdAt(), recorded.nextAttemptAt(), null, null, null, CLAIM, recorded.traceparent());
    }

    private void claimed(Notification... mails) {
        Instant leaseUntil = NOW.plus(PROPERTIES.claimTimeout());
        when(store.claimDue(eq(NOW), eq(leaseUntil), anyInt())).thenReturn(
                new Claim<>(CLAIM, mails.length, List.of(mails), 0, leaseUntil));
    }

    private double count(String name) {
        return registry.get(name).tag("kind", MailKind.REFERRAL_RECEIVED.name()).counter().count();
    }
}
