package org.cosell.deal.config;

import org.cosell.support.openapi.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** What the OpenAPI document cannot tell from the operations' shapes alone. */
@Configuration
class DealApiDocument {

    /** Adding a solution the partner's catalog already lists by name. */
    @Bean
    ProblemResponses solutionAlreadyListedResponse() {
        return ProblemResponses.of(HttpMethod.POST, "/api/solutions", HttpStatus.CONFLICT);
    }
}
