package org.cosell.referral.config;

import org.cosell.contracts.ProblemType;
import org.cosell.referral.domain.StageTransitionRefused;
import org.cosell.support.web.ProblemMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ReferralProblems {

    @Bean
    ProblemMapping stageTransitionRefused() {
        return ProblemMapping.of(StageTransitionRefused.class, ProblemType.STAGE_CONFLICT);
    }
}
