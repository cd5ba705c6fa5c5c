package org.cosell.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.cosell.contracts.Topics;
import org.junit.jupiter.api.Test;

class CosellTopicsTest {

    @Test
    void everyContractTopicAndItsDeadLetterTwinAndNothingElse() {
        assertThat(CosellTopics.all())
                .hasSize(2 * Topics.ALL.size())
                .doesNotHaveDuplicates()
                .containsAll(Topics.ALL)
                .containsAll(Topics.ALL.stream().map(Topics::deadLetter).toList())
                .contains("cosell.referrals.inbound", "cosell.referrals.inbound.DLT",
                        "cosell.deal-outcomes", "cosell.deal-outcomes.DLT");
    }
}
