package org.cosell.support.kafka;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How a poll goes through the pipeline: where a record that cannot be read, one its check refuses
 * and one whose write fails fail the poll, what is handled before, and which trace each step is in.
 * The event ids say what the test handler does with a record: {@code bad…} fails its check,
 * {@code poison…} fails any write that holds it, {@code solo…} is handled alone, {@code k:<key>}
 * is keyed.
 */
class BatchPipelineTest {

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    private final SdkTracerProvider tracing = SdkTracerProvider.builder().build();
    private final io.opentelemetry.api.trace.Tracer otelTracer = tracing.get("test");
    private final Tracer tracer = new OtelTracer(otelTracer, new OtelCurrentTraceContext(), event -> {
    });
    private final BatchPipeline pipeline = new BatchPipeline(new RecordTraces(provider(Tracer.class, tracer),
            provider(Propagator.class, new OtelPropagator(
                    ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otelTracer))));
    private final RecordingHandler handler = new RecordingHandler();
    private final List<ConsumerRecord<String, Object>> poll = new ArrayList<>();

    @AfterEach
    void closeTracing() {
        tracing.close();
    }

    @Test
    void aValidPollIsHandledAsOneRunOnce() {
        pipeline.process(poll("a", "b", "c"), handler);

        assertThat(handler.runs).containsExactly(List.of("a", "b", "c"));
        assertThat(handler.alone).isEmpty();
    }

    @Test
    void anUnreadableRecordFailsThePollAtItsIndexOnceTheRunBeforeItIsHandled() {
        poll("a");
        poll.add(unreadable("{not json"));
        poll("c");

        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> pipeline.process(poll, handler));

        assertThat(failed.getIndex()).isEqualTo(1);
        assertThat(failed.getCause()).isInstanceOf(DeserializationException.class);
        assertThat(handler.runs).containsExactly(List.of("a"));
        assertThat(handler.checked).containsExactly("a");
    }

    @Test
    void aRecordWithoutAValueFailsThePollAtItsIndex() {
        poll("a");
        poll.add(new ConsumerRecord<>(Topics.REFERRAL_EVENTS, 0, 1, "key", null));

        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> pipeline.process(poll, handler));

        assertThat(failed.getIndex()).isEqualTo(1);
        assertThat(failed.getCause()).isInstanceOf(InvalidEventException.class)
                .hasMessage("not a CloudEvent: the record has no value");
        assertThat(handler.runs).containsExactly(List.of("a"));
    }

    @Test
    void aRecordItsCheckRefusesFailsThePollAtItsIndexWithTheReasonAndNothingAfterItIsTouched() {
        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> pipeline.process(poll("a", "b", "bad-1", "d"), handler));

        assertThat(failed.getIndex()).isEqualTo(2);
        assertThat(failed.getCause()).isInstanceOf(InvalidEventException.class)
                .hasMessage("data.bad: is required");
        assertThat(handler.runs).containsExactly(List.of("a", "b"));
        assertThat(handler.checked).containsExactly("a", "b", "bad-1");
    }

    @Test
    void aWriteTheDatabaseRefusesIsNarrowedDownToItsRecordWhichAloneIsBlamed() {
        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> pipeline.process(poll("a", "b", "poison-1", "d"), handler));

        assertThat(failed.getIndex()).isEqualTo(2);
        assertThat(failed.getCause()).isInstanceOf(InvalidEventException.class)
                .hasMessage("data: could not be stored: refused poison-1");
        assertThat(handler.runs).isEmpty();
        assertThat(handler.alone).containsExactly("a", "b");
    }

    @Test
    void aDuplicateKeyFoundWhenNarrowingIsRetriedNotDeadLettered() {
        handler.failure = item -> new DuplicateKeyException("E11000 duplicate key error: " + item);

        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> pipeline.process(poll("a", "poison-1"), handler));

        assertThat(failed.getIndex()).isEqualTo(1);
        assertThat(failed.getCause()).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aDatabaseOutageFailsThePollAtTheFirstRecordOfTheRunWithoutNarrowing() {
        handler.failure = item -> new DataAccessResourceFailureException("Timed out connecting to localhost:27017");

        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> pipeline.process(poll("solo-1", "b", "poison-1"), handler));

        assertThat(failed.getIndex()).isEqualTo(1);
        assertThat(failed.getCause()).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(handler.alone).containsExactly("solo-1");
    }

    @Test
    void anItemHandledAloneEndsTheRunBeforeItAndAKeyAlreadyInTheRunStartsANewOne() {
        pipeline.process(poll("a", "solo-1", "k:x-1", "k:y", "k:x-2", "f"), handler);

        assertThat(handler.runs).containsExactly(List.of("a"), List.of("k:x-1", "k:y"), List.of("k:x-2", "f"));
        assertThat(handler.alone).containsExactly("solo-1");
    }

    @Test
    void eventsAskingNothingAreSkipped() {
        pipeline.process(poll("skip-1", "skip-2"), handler);

        assertThat(handler.runs).isEmpty();
        assertThat(handler.checked).containsExactly("skip-1", "skip-2");
    }

    @Test
    void eachRecordIsCheckedAndHandledAloneInTheTraceItCarries() {
        String first = "0af7651916cd43dd8448eb211c80319c";
        String second = "4bf92f3577b34da6a3ce929d0e0e4736";
        pipeline.process(List.of(traced(record("solo-1"), first), traced(record("b"), second)), handler);

        assertThat(handler.traces).containsExactly(Map.entry("check solo-1", first), Map.entry("alone solo-1", first),
                Map.entry("check b", second));
    }

    @Test
    void anEmptyPollDoesNothing() {
        pipeline.process(List.of(), handler);

        assertThat(handler.checked).isEmpty();
        assertThat(handler.runs).isEmpty();
    }

    private List<ConsumerRecord<String, Object>> poll(String... ids) {
        for (String id : ids) {
            poll.add(record(id));
        }
        return poll;
    }

    private ConsumerRecord<String, Object> record(String id) {
        CloudEvent<String> event = CloudEvent.of(id, "urn:test", EventType.REFERRAL_RECEIVED, id,
                Instant.parse("2026-11-24T10:00:00Z"), id);
        return new ConsumerRecord<>(Topics.REFERRAL_EVENTS, 0, poll.size(), id, event);
    }

    /** A record as the consumer hands over one it could not read: no value, the failure in a header. */
    private ConsumerRecord<String, Object> unreadable(String value) {
        RecordHeaders headers = new RecordHeaders();
        try (ErrorHandlingDeserializer<Object> deserializer = new ErrorHandlingDeserializer<>(new CloudEventDeserializer(CODEC))) {
            assertThat(deserializer.deserialize(Topics.REFERRAL_EVENTS, headers,
                    value.getBytes(StandardCharsets.UTF_8))).isNull();
        }
        return new ConsumerRecord<>(Topics.REFERRAL_EVENTS, 0, poll.size(), 0L,
                TimestampType.CREATE_TIME, 0, 0, "key", null, headers, Optional.empty());
    }

    private static ConsumerRecord<String, Object> traced(ConsumerRecord<String, Object> record, String traceId) {
        record.headers().add("traceparent",
                ("00-" + traceId + "-" + traceId.substring(0, 16) + "-01").getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static <T> ObjectProvider<T> provider(Class<T> type, T bean) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean(type.getSimpleName(), bean);
        return beans.getBeanProvider(type);
    }

    private final class RecordingHandler implements BatchHandler<String> {

        private final List<String> checked = new ArrayList<>();
        private final List<List<String>> runs = new ArrayList<>();
        private final List<String> alone = new ArrayList<>();
        private final List<Map.Entry<String, String>> traces = new ArrayList<>();
        private Function<String, RuntimeException> failure = item -> new IllegalStateException("refused " + item);

        @Override
        public String check(CloudEvent<?> event) {
            String id = event.id();
            checked.add(id);
            trace("check " + id);
            if (id.startsWith("bad")) {
                new Violations().required("bad", null).throwIfAny();
            }
            return id.startsWith("skip") ? null : id;
        }

        @Override
        public void handleRun(List<String> run) {
            if (run.stream().anyMatch(item -> item.startsWith("poison"))) {
                throw failure.apply(String.join(",", run));
            }
            runs.add(run);
        }

        @Override
        public void handleAlone(String item) {
            trace("alone " + item);
            if (item.startsWith("poison")) {
                throw failure.apply(item);
            }
            alone.add(item);
        }

        @Override
        public boolean alone(String item) {
            return item.startsWith("solo");
        }

        @Override
        public Object runKey(String item) {
            return item.startsWith("k:") ? item.substring(2, 3) : null;
        }

        private void trace(String step) {
            if (tracer.currentSpan() != null) {
                traces.add(Map.entry(step, tracer.currentSpan().context().traceId()));
            }
        }
    }
}
