package org.cosell.expiry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.cosell.contracts.expiry.ExpiryKind;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The scheduler's own meters; see the README for their Prometheus names. */
@Component
public class ExpiryMetrics {

    /** A look in the replica's view of what is due. */
    static final String LOOK_VIEW = "view";
    /** A look in the database, for what the view lacks. */
    static final String LOOK_RESCAN = "rescan";

    private final Map<ExpiryKind, Counter> fired = new EnumMap<>(ExpiryKind.class);
    private final Timer lateness;
    private final Counter claimsLost;
    private final Map<String, Timer> polls = new HashMap<>();
    private final MeterRegistry registry;

    public ExpiryMetrics(MeterRegistry registry, TimerStore store) {
        this.registry = registry;
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
        for (String look : List.of(LOOK_VIEW, LOOK_RESCAN)) {
            for (boolean found : List.of(true, false)) {
                polls.put(look + found, Timer.builder("cosell.expiry.poll")
                        .description("One look for due timers, with what claiming and firing them took: in the "
                                + "replica's view of what is due, or a rescan of the database")
                        .tag("look", look)
                        .tag("found", found ? "some" : "none")
                        .publishPercentiles(0.5, 0.99)
                        .register(registry));
            }
        }
    }

    void polled(String look, boolean foundSome, long nanos) {
        polls.get(look + foundSome).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The number of timers in a replica's view of what is due. */
    void watchView(DueTimers view) {
        Gauge.builder("cosell.expiry.view.timers", view, DueTimers::size)
                .description("Timers in this replica's view of what is due")
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
