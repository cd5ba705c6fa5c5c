package org.cosell.referral.config;

import org.cosell.referral.domain.StageTransitionRefused;
import org.cosell.support.web.ProblemMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

@Configuration
class ReferralProblems {

    @Bean
    ProblemMapping stageTransitionRefused() {
        return ProblemMapping.of(StageTransitionRefused.class, HttpStatus.CONFLICT);
    }

    /** Only after several rounds of losing a race to concurrent moves; the client may try again. */
    @Bean
    ProblemMapping concurrentChange() {
        return ProblemMapping.of(OptimisticLockingFailureException.class, HttpStatus.CONFLICT);
    }
}
