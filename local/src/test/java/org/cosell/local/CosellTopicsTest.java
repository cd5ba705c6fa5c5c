package org.cosell.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CosellTopicsTest {

    @Test
    void everySpecTopicHasADeadLetterTwin() {
        assertThat(CosellTopics.SOURCES).hasSize(7).doesNotHaveDuplicates();
        assertThat(CosellTopics.all())
                .hasSize(14)
                .contains("cosell.referrals.inbound", "cosell.referrals.inbound.DLT",
                        "cosell.deal-outcomes", "cosell.deal-outcomes.DLT");
        CosellTopics.SOURCES.forEach(topic -> assertThat(CosellTopics.all()).contains(CosellTopics.deadLetter(topic)));
    }
}
