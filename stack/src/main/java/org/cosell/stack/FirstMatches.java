package org.cosell.stack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * The first {@code count} elements of a stream in a given order, as a stable sort of the whole
 * stream would give them (equal elements keep their encounter order), found with a bounded heap:
 * about one comparison per element instead of a sort's {@code log2 n}, and {@code count} elements
 * held instead of all of them.
 */
final class FirstMatches {

    /** A count as large as "all of them" must not allocate that much up front. */
    private static final int INITIAL_CAPACITY = 1_024;

    private FirstMatches() {
    }

    static <T> List<T> of(Stream<T> elements, int count, Comparator<? super T> order) {
        if (count <= 0) {
            return List.of();
        }
        Comparator<Ranked<T>> ranking = Comparator.<Ranked<T>, T>comparing(Ranked::element, order)
                .thenComparingLong(Ranked::position);
        PriorityQueue<Ranked<T>> lastKeptOnTop = new PriorityQueue<>(Math.min(count, INITIAL_CAPACITY) + 1, ranking.reversed());
        long position = 0;
        for (Iterator<T> it = elements.iterator(); it.hasNext(); position++) {
            Ranked<T> ranked = new Ranked<>(it.next(), position);
            if (lastKeptOnTop.size() < count) {
                lastKeptOnTop.add(ranked);
            }
            else if (ranking.compare(ranked, lastKeptOnTop.peek()) < 0) {
                lastKeptOnTop.poll();
                lastKeptOnTop.add(ranked);
            }
        }
        List<Ranked<T>> kept = new ArrayList<>(lastKeptOnTop);
        kept.sort(ranking);
        return kept.stream().map(Ranked::element).toList();
    }

    private record Ranked<T>(T element, long position) {
    }
}
