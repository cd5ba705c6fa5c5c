package org.cosell.expiry;

import java.time.Instant;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The due times of timers this replica armed and has not looked for yet, so that its poller looks when one of
 * them falls due instead of querying every poll interval. A query for due timers reads every timer on a server
 * without secondary indexes (mongo-java-server, in the local launcher); with a million armed, polling twice a
 * second kept a core busy. Only the earliest {@value #CAPACITY} distinct times are kept: a timer beyond them is
 * found by the poller's periodic rescan instead.
 */
final class KnownDueTimes {

    static final int CAPACITY = 100_000;

    private final TreeSet<Instant> dueTimes = new TreeSet<>();

    synchronized void add(Collection<Instant> armedDueTimes) {
        dueTimes.addAll(armedDueTimes);
        while (dueTimes.size() > CAPACITY) {
            dueTimes.pollLast();
        }
    }

    synchronized boolean anyDueBy(Instant now) {
        return !dueTimes.isEmpty() && !dueTimes.first().isAfter(now);
    }

    /**
     * Forgets the times up to {@code now}: called before the query for timers due by {@code now}, so that a timer
     * armed while the query runs is either found by it or still known afterwards.
     */
    synchronized void lookingUpTo(Instant now) {
        dueTimes.headSet(now, true).clear();
    }
}
