package org.cosell.support.idempotency;

import org.cosell.support.web.ProblemMapping;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/** {@code Idempotency-Key} support for the state-changing calls of a service. */
@AutoConfiguration
public class IdempotencyConfiguration {

    @Bean
    IdempotencyKeys idempotencyKeys(MongoTemplate mongo, JsonMapper json) {
        return new IdempotencyKeys(mongo, json);
    }

    @Bean
    ProblemMapping idempotencyKeyReused() {
        return ProblemMapping.of(IdempotencyKeyReused.class, HttpStatus.UNPROCESSABLE_CONTENT);
    }
}
