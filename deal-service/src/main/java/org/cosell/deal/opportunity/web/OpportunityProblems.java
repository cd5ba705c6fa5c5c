package org.cosell.deal.opportunity.web;

import org.cosell.contracts.ProblemType;
import org.cosell.deal.opportunity.application.VersionMismatch;
import org.cosell.deal.opportunity.domain.DealMoveRefused;
import org.cosell.deal.opportunity.domain.NoteLimitReached;
import org.cosell.support.web.ProblemMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/** How refused moves on opportunities are answered. */
@Configuration
class OpportunityProblems {

    @Bean
    ProblemMapping dealMoveRefused() {
        return ProblemMapping.of(DealMoveRefused.class, ProblemType.STAGE_CONFLICT);
    }

    @Bean
    ProblemMapping noteLimitReached() {
        return ProblemMapping.of(NoteLimitReached.class, ProblemType.CONFLICT);
    }

    @Bean
    ProblemMapping versionMismatch() {
        return ProblemMapping.of(VersionMismatch.class, HttpStatus.PRECONDITION_FAILED);
    }

    @Bean
    ProblemMapping ifMatchMissing() {
        return ProblemMapping.of(IfMatchMissing.class, HttpStatus.PRECONDITION_REQUIRED);
    }

    @Bean
    ProblemMapping tooManyImportRows() {
        return ProblemMapping.of(DealImportController.TooManyRows.class, HttpStatus.CONTENT_TOO_LARGE);
    }

    @Bean
    ProblemMapping malformedCsv() {
        return ProblemMapping.of(DealImportController.MalformedCsv.class, ProblemType.MALFORMED_REQUEST);
    }
}
