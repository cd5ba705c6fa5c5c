package org.cosell.deal.config;

import org.cosell.deal.catalog.SolutionAlreadyListed;
import org.cosell.deal.opportunity.application.VersionMismatch;
import org.cosell.deal.opportunity.domain.DealMoveRefused;
import org.cosell.deal.opportunity.web.IfMatchMissing;
import org.cosell.support.web.ProblemMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;

@Configuration
class DealProblems {

    @Bean
    ProblemMapping dealMoveRefused() {
        return ProblemMapping.of(DealMoveRefused.class, HttpStatus.CONFLICT);
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
    ProblemMapping solutionAlreadyListed() {
        return ProblemMapping.of(SolutionAlreadyListed.class, HttpStatus.CONFLICT);
    }

    /** Only after several rounds of losing a race to concurrent moves; the client may try again. */
    @Bean
    ProblemMapping concurrentChange() {
        return ProblemMapping.of(OptimisticLockingFailureException.class, HttpStatus.CONFLICT);
    }
}
