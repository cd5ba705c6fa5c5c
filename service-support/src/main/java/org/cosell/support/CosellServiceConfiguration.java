package org.cosell.support;

import org.cosell.support.health.MongoPingHealthIndicator;
import org.cosell.support.web.ProblemDetailsAdvice;
import org.cosell.support.web.ProblemMapping;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** The time source, the Mongo health check and the problem+json advice of every service. */
@AutoConfiguration
public class CosellServiceConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Named as Boot's own Mongo indicator so that one backs off. */
    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice(ObjectProvider<ProblemMapping> mappings) {
        return new ProblemDetailsAdvice(mappings.orderedStream().toList());
    }
}
