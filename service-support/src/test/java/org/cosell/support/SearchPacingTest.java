package org.cosell.support;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SearchPacingTest {

    private final SearchPacing pacing = new SearchPacing(Duration.ofSeconds(5));

    @Test
    void waitsThePollIntervalBeforeTheFirstSearchAndAfterCheapOnes() {
        assertThat(pacing.idleWait()).isEqualTo(Duration.ofSeconds(5));

        pacing.searched(Duration.ofMillis(3));

        assertThat(pacing.idleWait()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void spacesSearchesByTheirOwnCostOnceThatIsLongerThanThePollInterval() {
        pacing.searched(Duration.ofMillis(660));

        assertThat(pacing.idleWait()).isEqualTo(Duration.ofMillis(13_200));

        pacing.searched(Duration.ofMillis(40));

        assertThat(pacing.idleWait()).isEqualTo(Duration.ofSeconds(5));
    }
}
