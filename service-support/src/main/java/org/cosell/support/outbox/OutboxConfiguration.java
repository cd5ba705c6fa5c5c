package org.cosell.support.outbox;

import org.cosell.support.tracing.TraceContinuation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.cosell.support.kafka.CloudEventCodec;
import org.cosell.support.kafka.EventTooLargeException;
import org.cosell.support.web.ProblemMapping;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.util.List;

@AutoConfiguration
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

    @Bean
    TraceContinuation traceContinuation(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TraceContinuation(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    EventRecorder eventRecorder(CloudEventCodec codec, Clock clock, TraceContinuation tracing,
                                @Value("${cosell.events.source:/cosell/${spring.application.name}}") String source,
                                KafkaTemplate<String, Object> kafka) {
        return new EventRecorder(codec, clock, source, tracing, maxRequestSize(kafka));
    }

    /** A state change whose event could never be published is the client's to make smaller. */
    @Bean
    ProblemMapping eventTooLarge() {
        return ProblemMapping.of(EventTooLargeException.class, HttpStatus.CONTENT_TOO_LARGE);
    }

    /** The producer's {@code max.request.size}, as configured or Kafka's default. */
    static int maxRequestSize(KafkaTemplate<String, Object> kafka) {
        Object configured = kafka.getProducerFactory().getConfigurationProperties().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        if (configured == null) {
            return (Integer) ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        return configured instanceof Number number ? number.intValue() : Integer.parseInt(configured.toString().trim());
    }

    /** A service with aggregate stores relays the collections they write. */
    @Bean
    @ConditionalOnBean(AggregateStore.class)
    OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, Object> kafka, List<AggregateStore<?>> stores,
                            OutboxProperties properties, Clock clock, TraceContinuation tracing, MeterRegistry meterRegistry) {
        return new OutboxRelay(mongo, kafka, stores.stream().map(AggregateStore::collection).toList(), properties,
                clock, tracing, meterRegistry);
    }
}
