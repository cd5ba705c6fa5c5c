package org.cosell.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.cosell.notification.mail.MailKind;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;

/**
 * Mails sent, failed and skipped by kind, and the backlog of PENDING mail. Every kind's counters
 * exist from the start, so a dashboard shows a zero rather than nothing. The SMTP circuit breaker's
 * state comes from resilience4j's own Micrometer binding ({@code resilience4j_circuitbreaker_state}).
 */
@Component
public class MailMetrics {

    private final Map<MailKind, Counter> sent = new EnumMap<>(MailKind.class);
    private final Map<MailKind, Counter> failed = new EnumMap<>(MailKind.class);
    private final Map<MailKind, Counter> skipped = new EnumMap<>(MailKind.class);

    public MailMetrics(MeterRegistry registry, NotificationStore store) {
        for (MailKind kind : MailKind.values()) {
            sent.put(kind, counter(registry, "cosell.mail.sent", "Mails the SMTP server accepted", kind));
            failed.put(kind, counter(registry, "cosell.mail.failed", "Mails given up as FAILED", kind));
            skipped.put(kind, counter(registry, "cosell.mail.skipped",
                    "Mails recorded as SKIPPED: nobody to send them to, or an unusable address", kind));
        }
        Gauge.builder("cosell.mail.pending", store, NotificationStore::countPending)
                .description("Mails recorded and not yet sent (PENDING)")
                .register(registry);
    }

    void sent(MailKind kind) {
        sent.get(kind).increment();
    }

    void failed(MailKind kind) {
        failed.get(kind).increment();
    }

    void skipped(MailKind kind) {
        skipped.get(kind).increment();
    }

    private static Counter counter(MeterRegistry registry, String name, String description, MailKind kind) {
        return Counter.builder(name).description(description).tag("kind", kind.name()).register(registry);
    }
}
