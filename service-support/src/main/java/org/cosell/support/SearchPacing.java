package org.cosell.support;

import java.time.Duration;

/**
 * How long a background loop waits before its next safety-net search when nothing woke it: its poll
 * interval, or {@value #SPACING} times as long as its last search took, whichever is longer. A search
 * that has an index on MongoDB proper reads the whole collection on a server without one (the local
 * stack's embedded server), and costs more the more the collection holds; spaced by its own cost it
 * takes at most about 5 % of the time, however large the collection grows, and as often as before
 * where it is cheap.
 */
public final class SearchPacing {

    static final int SPACING = 20;

    private final Duration pollInterval;

    private volatile Duration lastSearch = Duration.ZERO;

    public SearchPacing(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /** A search just took {@code took}. */
    public void searched(Duration took) {
        lastSearch = took;
    }

    /** The wait before the next search when nothing wakes the loop sooner. */
    public Duration idleWait() {
        Duration spaced = lastSearch.multipliedBy(SPACING);
        return spaced.compareTo(pollInterval) > 0 ? spaced : pollInterval;
    }
}
