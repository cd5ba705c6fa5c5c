package org.cosell.support;

import org.cosell.contracts.ProblemType;
import org.cosell.support.health.KafkaClusterHealthIndicator;
import org.cosell.support.health.MongoPingHealthIndicator;
import org.cosell.support.web.MediaTypeHeadersFilter;
import org.cosell.support.web.ProblemDetailsAdvice;
import org.cosell.support.web.ProblemMapping;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The time source, the database client's outage timeout, the health checks of MongoDB and Kafka,
 * the problem+json advice and the {@code Content-Type} check of every service.
 */
@AutoConfiguration
public class CosellServiceConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** {@code @FutureOrPresent} and its kin read the service's clock, so tests that move time move them too. */
    @Bean
    ValidationConfigurationCustomizer clockAwareValidation(Clock clock) {
        return configuration -> configuration.clockProvider(() -> clock);
    }

    /**
     * How long a database call waits for a reachable server before it fails as an outage (503). The
     * driver's own default, 30 s, is the gateway's time limit: a call during an outage would answer
     * the gateway's 504 "outcome unknown" instead. Ordered first, so a {@code serverSelectionTimeoutMS}
     * in {@code MONGODB_URI} still wins.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    MongoClientSettingsBuilderCustomizer serverSelectionTimeout(
            @Value("${cosell.mongodb.server-selection-timeout}") Duration timeout) {
        return settings -> settings.applyToClusterSettings(
                cluster -> cluster.serverSelectionTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Named as Boot's own Mongo indicator so that one backs off. */
    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    @Bean
    KafkaClusterHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaClusterHealthIndicator(kafkaAdmin);
    }

    /** Registered for every path at the lowest precedence: after Spring Security, before Spring MVC. */
    @Bean
    MediaTypeHeadersFilter mediaTypeHeadersFilter(JsonMapper jsonMapper) {
        return new MediaTypeHeadersFilter(jsonMapper);
    }

    /**
     * A write that kept losing the race to concurrent writes (after the store's own retries): the
     * client may try again. First, so that no broader mapping of a service takes it.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ProblemMapping concurrentChangeProblem() {
        return ProblemMapping.of(OptimisticLockingFailureException.class, ProblemType.CONCURRENT_CHANGE);
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice(ObjectProvider<ProblemMapping> mappings) {
        return new ProblemDetailsAdvice(mappings.orderedStream().toList());
    }
}
