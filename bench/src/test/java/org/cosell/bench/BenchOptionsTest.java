package org.cosell.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void withoutArgumentsEveryBenchmarkRunsWithTheIssuesDefaults() {
        BenchOptions options = BenchOptions.parse();

        assertThat(options.referrals()).isEqualTo(100_000);
        assertThat(options.concurrency()).isEqualTo(16);
        assertThat(options.rate()).isEqualTo(50);
        assertThat(options.rateSeconds()).isEqualTo(20);
        assertThat(BenchOptions.BENCHMARKS).allMatch(options::runs);
    }

    @Test
    void onlyNarrowsTheRunAndNumbersMayBeGrouped() {
        BenchOptions options = BenchOptions.parse("--referrals", "20_000", "--only", "ingest,gateway", "--attach");

        assertThat(options.referrals()).isEqualTo(20_000);
        assertThat(options.attach()).isTrue();
        assertThat(options.runs("ingest")).isTrue();
        assertThat(options.runs("gateway")).isTrue();
        assertThat(options.runs("rest")).isFalse();
    }

    @Test
    void theTimersGetAStackOfTheirOwnAfterABenchmarkThatCallsTheApi() {
        assertThat(BenchOptions.parse().timersOnAFreshStack()).isTrue();
        assertThat(BenchOptions.parse("--only", "ingest,timers").timersOnAFreshStack()).isTrue();
        assertThat(BenchOptions.parse("--only", "gateway,timers").timersOnAFreshStack()).isTrue();
    }

    @Test
    void theTimersStayOnAStackNothingElseLoadedOrOneTheHarnessAttachedTo() {
        assertThat(BenchOptions.parse("--only", "timers").timersOnAFreshStack()).isFalse();
        assertThat(BenchOptions.parse("--only", "footprint,timers").timersOnAFreshStack()).isFalse();
        assertThat(BenchOptions.parse("--attach").timersOnAFreshStack()).isFalse();
        // and without the timers no second stack at all
        assertThat(BenchOptions.parse("--only", "ingest").timersOnAFreshStack()).isFalse();
    }

    @Test
    void unknownBenchmarksOptionsAndNumbersAreRefusedByName() {
        assertThatThrownBy(() -> BenchOptions.parse("--only", "ingest,speed"))
                .hasMessageContaining("not speed");
        assertThatThrownBy(() -> BenchOptions.parse("--fast")).hasMessageContaining("--fast");
        assertThatThrownBy(() -> BenchOptions.parse("--referrals", "0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> BenchOptions.parse("--rate")).hasMessageContaining("needs a value");
    }
}
