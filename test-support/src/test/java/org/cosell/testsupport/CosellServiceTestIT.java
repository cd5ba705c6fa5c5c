package org.cosell.testsupport;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@CosellServiceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CosellServiceTestIT {

    @SpringBootConfiguration
    static class ServiceLikeConfiguration {

        /** Declared the way the services declare theirs. */
        @Bean
        @ConditionalOnMissingBean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Autowired
    Environment environment;

    @Autowired
    Clock clock;

    @Test
    @Order(1)
    void pointsTheContextAtTheSharedInfrastructure() {
        TestInfrastructure infrastructure = TestInfrastructure.get();

        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(infrastructure.kafkaBootstrapServers());
        assertThat(environment.getProperty("spring.kafka.consumer.auto-offset-reset")).isEqualTo("earliest");
        assertThat(environment.getProperty("spring.mongodb.uri")).isEqualTo(infrastructure.mongoUri());
        assertThat(environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"))
                .isEqualTo(TestJwtIssuer.get().jwkSetUri());
        assertThat(environment.getProperty("cosell.security.issuer-uri")).isEqualTo(TestJwtIssuer.ISSUER);
    }

    @Test
    @Order(2)
    void theServicesClockIsTheSharedMutableClock() {
        assertThat(clock).isSameAs(CosellInfrastructureInitializer.clock());

        CosellInfrastructureInitializer.clock().advance(Duration.ofDays(3));

        assertThat(clock.instant()).isCloseTo(Instant.now().plus(Duration.ofDays(3)), within(Duration.ofSeconds(5)));
    }

    @Test
    @Order(3)
    void theSharedClockIsBackOnSystemTimeAfterATestMovedIt() {
        assertThat(clock.instant()).isCloseTo(Instant.now(), within(Duration.ofSeconds(5)));
    }
}
