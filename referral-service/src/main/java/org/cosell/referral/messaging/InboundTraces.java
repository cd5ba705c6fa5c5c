package org.cosell.referral.messaging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Continues the trace each record of a batch carries, one span per record, as the listener
 * observation does for a record listener (it does not for batch listeners). What is recorded inside
 * the span — the outbox event — keeps the trace of the offer that caused it.
 */
@Component
class InboundTraces {

    private final Tracer tracer;
    private final Propagator propagator;

    InboundTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable();
        this.propagator = propagator.getIfAvailable();
    }

    <T> T continueFrom(ConsumerRecord<?, ?> record, Supplier<T> work) {
        if (tracer == null || propagator == null) {
            return work.get();
        }
        Span span = propagator.extract(record.headers(), InboundTraces::header)
                .name(record.topic() + " receive")
                .kind(Span.Kind.CONSUMER)
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } finally {
            span.end();
        }
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
