package org.cosell.support.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Carries the trace across the outbox: the trace context current when an event is recorded is kept
 * with it, and the relay publishes inside a span continuing that trace, so the Kafka producer
 * observation (and every consumer after it) stays in the trace of the change that caused the event.
 */
public class OutboxTracing {

    static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    /** Either may be null (tracing not configured): then nothing is carried. */
    public OutboxTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    String currentTraceparent() {
        if (tracer == null || propagator == null) {
            return null;
        }
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** Runs {@code publish} in a span continuing the trace the event was recorded in. */
    <T> T publishWithin(String traceparent, Supplier<T> publish) {
        if (tracer == null || propagator == null || traceparent == null) {
            return publish.get();
        }
        Span span = propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get).name("outbox relay").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return publish.get();
        } finally {
            span.end();
        }
    }
}
