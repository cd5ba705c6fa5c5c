package org.cosell.expiry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.cosell.contracts.expiry.ExpiryKind;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** The scheduler's own meters; see the README for their Prometheus names. */
@Component
public class ExpiryMetrics {

    private final Map<ExpiryKind, Counter> fired = new EnumMap<>(ExpiryKind.class);
    private final Timer lateness;
    private final Counter claimsLost;

    public ExpiryMetrics(MeterRegistry registry, TimerStore store) {
        Gauge.builder("cosell.expiry.timers.armed", store, TimerStore::countArmed)
                .description("Timers armed and waiting for their due time")
                .strongReference(true)
                .register(registry);
        for (ExpiryKind kind : ExpiryKind.values()) {
            fired.put(kind, Counter.builder("cosell.expiry.timers.fired")
                    .description("Timers published as cosell.expiry.due")
                    .tag("kind", kind.name())
                    .register(registry));
        }
        lateness = Timer.builder("cosell.expiry.lateness")
                .description("From a timer's due time to Kafka's acknowledgement of its cosell.expiry.due")
                .register(registry);
        claimsLost = Counter.builder("cosell.expiry.claims.lost")
                .description("Claimed timers taken over by another replica after their lease expired")
                .register(registry);
    }

    void fired(ExpiryKind kind, Duration lateBy) {
        fired.get(kind).increment();
        lateness.record(lateBy.isNegative() ? Duration.ZERO : lateBy);
    }

    void claimsLost(int count) {
        claimsLost.increment(count);
    }

    /** Timers this replica published, of every kind. */
    public double firedCount() {
        return fired.values().stream().mapToDouble(Counter::count).sum();
    }
}
