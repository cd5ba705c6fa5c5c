package org.cosell.support.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.cosell.support.kafka.CloudEventCodec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;

@AutoConfiguration
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

    @Bean
    OutboxTracing outboxTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new OutboxTracing(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    EventRecorder eventRecorder(CloudEventCodec codec, Clock clock, OutboxTracing tracing,
                                @Value("${cosell.events.source:/cosell/${spring.application.name}}") String source) {
        return new EventRecorder(codec, clock, source, tracing);
    }

    @Bean
    @ConditionalOnProperty("cosell.outbox.collections")
    OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, Object> kafka, OutboxProperties properties,
                            Clock clock, OutboxTracing tracing, MeterRegistry meterRegistry) {
        return new OutboxRelay(mongo, kafka, properties, clock, tracing, meterRegistry);
    }
}
