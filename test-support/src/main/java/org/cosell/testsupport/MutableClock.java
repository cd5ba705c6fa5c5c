package org.cosell.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that follows system time plus an offset a test may move. It keeps ticking after
 * {@link #set} or {@link #advance}, so pollers and timeouts behave as in production; only the
 * reading is shifted. Safe to read and move from any thread.
 */
public final class MutableClock extends Clock {

    private static final Clock SYSTEM = Clock.systemUTC();

    private final AtomicReference<Duration> offset;
    private final ZoneId zone;

    public MutableClock() {
        this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
    }

    private MutableClock(AtomicReference<Duration> offset, ZoneId zone) {
        this.offset = offset;
        this.zone = zone;
    }

    /** Moves the clock so that it reads {@code instant} now; it keeps ticking from there. */
    public void set(Instant instant) {
        offset.set(Duration.between(SYSTEM.instant(), instant));
    }

    /** Moves the clock forward by {@code amount} (backward if negative). */
    public void advance(Duration amount) {
        offset.updateAndGet(current -> current.plus(amount));
    }

    /** Follows system time again. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return SYSTEM.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view in another zone that moves together with this clock. */
    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new MutableClock(offset, zone);
    }

    @Override
    public String toString() {
        return "MutableClock[offset=" + offset.get() + ", zone=" + zone + "]";
    }
}
