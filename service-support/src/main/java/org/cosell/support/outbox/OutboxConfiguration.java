package org.cosell.support.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import org.cosell.support.kafka.CloudEventCodec;
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
    EventRecorder eventRecorder(CloudEventCodec codec, Clock clock,
                                @Value("${cosell.events.source:/cosell/${spring.application.name}}") String source) {
        return new EventRecorder(codec, clock, source);
    }

    @Bean
    @ConditionalOnProperty("cosell.outbox.collections")
    OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, Object> kafka, OutboxProperties properties,
                            Clock clock, MeterRegistry meterRegistry) {
        return new OutboxRelay(mongo, kafka, properties, clock, meterRegistry);
    }
}
