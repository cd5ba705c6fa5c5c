package org.cosell.support;

import org.springframework.context.SmartLifecycle;

/**
 * A component whose work is a {@link BackgroundLoop}: it starts with the application context, and
 * stopping it lets the round in hand finish. A component that has more to do when it starts or
 * stops overrides {@link #start()} or {@link #stop()} and calls the loop's from there.
 */
public interface LoopLifecycle extends SmartLifecycle {

    /** The loop that does this component's work. */
    BackgroundLoop loop();

    @Override
    default void start() {
        loop().start();
    }

    @Override
    default void stop() {
        loop().stop();
    }

    @Override
    default boolean isRunning() {
        return loop().isRunning();
    }
}
