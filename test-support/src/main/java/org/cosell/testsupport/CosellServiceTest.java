package org.cosell.testsupport;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one annotation for a service's integration tests: the whole service on a random port, wired
 * to the shared Kafka, MongoDB and JWKS. Because every test of a module declares exactly this,
 * Spring's context cache starts one context per module. The shared clock is reset after each test,
 * so a test that moves it cannot leak time into the next one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = CosellInfrastructureInitializer.class)
@ExtendWith(SharedClockReset.class)
public @interface CosellServiceTest {
}
