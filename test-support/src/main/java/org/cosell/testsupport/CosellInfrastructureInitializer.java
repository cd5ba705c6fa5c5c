package org.cosell.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Points a service's test context at the shared {@link TestInfrastructure} and {@link TestJwtIssuer}
 * (its key set and its issuer; these properties win over every other source) and registers the shared {@link MutableClock} as
 * the bean {@code clock}, which replaces the services' {@code @ConditionalOnMissingBean} system clock.
 */
public class CosellInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String CLOCK_BEAN_NAME = "clock";

    private static final MutableClock CLOCK = new MutableClock();

    /** The clock every test context in this JVM uses; tests move it to make deadlines fall due. */
    public static MutableClock clock() {
        return CLOCK;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        Map<String, Object> properties = Map.of(
                "spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                "spring.kafka.consumer.auto-offset-reset", "earliest",
                "spring.mongodb.uri", infrastructure.mongoUri(),
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestJwtIssuer.get().jwkSetUri(),
                "cosell.security.issuer-uri", TestJwtIssuer.ISSUER);
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("cosellTestInfrastructure", properties));
        context.getBeanFactory().registerSingleton(CLOCK_BEAN_NAME, CLOCK);
    }
}
