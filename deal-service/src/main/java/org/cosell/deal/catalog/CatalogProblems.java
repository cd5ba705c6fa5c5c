package org.cosell.deal.catalog;

import org.cosell.support.openapi.ProblemResponses;
import org.cosell.support.web.ProblemMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** How the catalog's refusals are answered, and what the OpenAPI document cannot tell from the operations' shapes. */
@Configuration
class CatalogProblems {

    @Bean
    ProblemMapping solutionAlreadyListed() {
        return ProblemMapping.of(SolutionAlreadyListed.class, HttpStatus.CONFLICT);
    }

    /** Adding a solution the partner's catalog already lists by name. */
    @Bean
    ProblemResponses solutionAlreadyListedResponse() {
        return ProblemResponses.of(HttpMethod.POST, "/api/solutions", HttpStatus.CONFLICT);
    }
}
