package org.cosell.support.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Carries a trace across work that is stored now and done later on another thread: the trace
 * context current when the work is recorded is kept with it (as a W3C {@code traceparent}), and the
 * work is later done inside a span continuing that trace. The outbox relay publishes an event this
 * way, and notification-service sends a recorded mail this way, so both stay in the trace of what
 * caused them.
 */
public class TraceContinuation {

    static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    /** Either may be null (tracing not configured): then nothing is carried. */
    public TraceContinuation(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current trace context as a {@code traceparent}, or {@code null} outside any trace. */
    public String currentTraceparent() {
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

    /**
     * Runs {@code work} in a span named {@code spanName} continuing the trace {@code traceparent}
     * names; without one (recorded outside a trace, or before traces were kept) it just runs it.
     */
    public <T> T within(String traceparent, String spanName, Supplier<T> work) {
        if (tracer == null || propagator == null || traceparent == null) {
            return work.get();
        }
        Span span = propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get).name(spanName).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException failed) {
            span.error(failed);
            throw failed;
        } finally {
            span.end();
        }
    }
}
