package org.cosell.notification.messaging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Continues the trace a record carries, one span per record, as the listener observation does for
 * a record listener (it does not for batch listeners), so what is logged while handling an event
 * keeps the trace of the change that caused it. The same as referral-service's InboundTraces.
 */
@Component
class RecordTraces {

    private final Tracer tracer;
    private final Propagator propagator;

    RecordTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable();
        this.propagator = propagator.getIfAvailable();
    }

    void continueFrom(ConsumerRecord<?, ?> record, Runnable work) {
        if (tracer == null || propagator == null) {
            work.run();
            return;
        }
        Span span = propagator.extract(record.headers(), RecordTraces::header)
                .name(record.topic() + " receive")
                .kind(Span.Kind.CONSUMER)
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            work.run();
        } catch (RuntimeException failure) {
            span.error(failure);
            throw failure;
        } finally {
            span.end();
        }
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
