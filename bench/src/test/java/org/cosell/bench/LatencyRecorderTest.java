package org.cosell.bench;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyRecorderTest {

    @Test
    void percentilesOfOneToAThousandMillisecondsAreWhereTheyShouldBe() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int millis = 1; millis <= 1000; millis++) {
            recorder.recordNanos(TimeUnit.MILLISECONDS.toNanos(millis));
        }

        LatencyRecorder.Summary summary = recorder.summary();

        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50()).isCloseTo(500, within(1.0));
        assertThat(summary.p99()).isCloseTo(990, within(1.0));
        assertThat(summary.p999()).isCloseTo(999, within(1.0));
        assertThat(summary.max()).isCloseTo(1000, within(1.0));
        assertThat(summary.mean()).isCloseTo(500.5, within(1.0));
    }

    @Test
    void aFewSlowAnswersAmongManyFastOnesShowInTheTailOnly() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 0; i < 990; i++) {
            recorder.recordNanos(TimeUnit.MICROSECONDS.toNanos(800));
        }
        for (int i = 0; i < 10; i++) {
            recorder.recordNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }

        LatencyRecorder.Summary summary = recorder.summary();

        assertThat(summary.p50()).isCloseTo(0.8, within(0.01));
        assertThat(summary.p99()).isCloseTo(0.8, within(0.01));
        assertThat(summary.p999()).isCloseTo(250, within(0.5));
    }

    @Test
    void nothingRecordedIsNotANumberRatherThanZero() {
        LatencyRecorder.Summary summary = new LatencyRecorder().summary();

        assertThat(summary.count()).isZero();
        assertThat(summary.p50()).isNaN();
    }

    @Test
    void ratesAndSharesAreComputedOneWay() {
        assertThat(Rates.perSecond(10_000, TimeUnit.SECONDS.toNanos(2))).isEqualTo(5_000);
        assertThat(Rates.percent(6_500, 13_000)).isEqualTo(50);
        assertThat(Rates.percent(1, 0)).isNaN();
    }
}
