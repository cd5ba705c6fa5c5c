package org.cosell.support.kafka;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.beans.factory.ObjectProvider;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Continues the trace a record carries, one span per record, as the listener observation does for
 * a record listener but not for a batch listener: what is logged while a batch listener handles a
 * record, and any outbox event recorded meanwhile, keep the trace of the change that caused it.
 */
public class RecordTraces {

    private final Tracer tracer;
    private final Propagator propagator;

    public RecordTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable();
        this.propagator = propagator.getIfAvailable();
    }

    public void continueFrom(ConsumerRecord<?, ?> record, Runnable work) {
        continueFrom(record, () -> {
            work.run();
            return null;
        });
    }

    public <T> T continueFrom(ConsumerRecord<?, ?> record, Supplier<T> work) {
        if (tracer == null || propagator == null) {
            return work.get();
        }
        Span span = propagator.extract(record.headers(), RecordTraces::header)
                .name(record.topic() + " receive")
                .kind(Span.Kind.CONSUMER)
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
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
