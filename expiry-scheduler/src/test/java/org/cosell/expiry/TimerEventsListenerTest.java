package org.cosell.expiry;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.support.kafka.BatchPipeline;
import org.cosell.support.kafka.RecordTraces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/** The listener reads each event in the trace its record carries, as every batch listener does. */
class TimerEventsListenerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final SdkTracerProvider tracing = SdkTracerProvider.builder().build();
    private final io.opentelemetry.api.trace.Tracer otelTracer = tracing.get("test");
    private final Tracer tracer = new OtelTracer(otelTracer, new OtelCurrentTraceContext(), event -> {
    });
    private final List<String> traceIdsSeen = new ArrayList<>();
    private final TimerRules rules = new TimerRules(Duration.ofDays(3)) {
        @Override
        public List<TimerChange> changesFor(Object data, Instant now) {
            traceIdsSeen.add(tracer.currentSpan() == null ? null : tracer.currentSpan().context().traceId());
            return super.changesFor(data, now);
        }
    };
    private final TimerStore store = mock(TimerStore.class);
    private final TimerEventsListener listener = new TimerEventsListener(rules, store, mock(ExpiryPoller.class),
            Clock.fixed(NOW, ZoneOffset.UTC), new BatchPipeline(new RecordTraces(provider(Tracer.class, tracer),
            provider(Propagator.class, new OtelPropagator(
                    ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otelTracer)))));

    @AfterEach
    void closeTracing() {
        tracing.close();
    }

    @Test
    void eachEventIsReadInTheTraceOfTheChangeThatCausedIt() {
        String first = "0af7651916cd43dd8448eb211c80319c";
        String second = "4bf92f3577b34da6a3ce929d0e0e4736";

        listener.on(List.of(received(0, first), received(1, second)));

        assertThat(traceIdsSeen).containsExactly(first, second);
        verify(store).armAll(anyList(), eq(NOW));
    }

    private static ConsumerRecord<String, Object> received(int offset, String traceId) {
        UUID opportunityId = UUID.randomUUID();
        CloudEvent<ReferralReceived> event = CloudEvent.of(UUID.randomUUID().toString(), "/cosell/referral-service",
                EventType.REFERRAL_RECEIVED, opportunityId.toString(), NOW, new ReferralReceived(opportunityId,
                        "REF-1", "4412345", null, null, null, NOW, NOW.plus(Duration.ofDays(14))));
        ConsumerRecord<String, Object> record = new ConsumerRecord<>(Topics.REFERRAL_EVENTS, 0, offset,
                opportunityId.toString(), event);
        record.headers().add("traceparent",
                ("00-" + traceId + "-" + traceId.substring(0, 16) + "-01").getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static <T> ObjectProvider<T> provider(Class<T> type, T bean) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean(type.getSimpleName(), bean);
        return beans.getBeanProvider(type);
    }
}
