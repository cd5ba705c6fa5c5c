package org.cosell.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FirstMatchesTest {

    /** Sorted by key only, so elements with the same key must come out in the order they came in. */
    private static final Comparator<Keyed> BY_KEY = Comparator.comparingInt(Keyed::key);

    @Test
    void givesTheFirstElementsAStableSortWouldGiveTiesIncluded() {
        Random random = new Random(7);
        List<Keyed> elements = IntStream.range(0, 5_000).mapToObj(i -> new Keyed(random.nextInt(300), i)).toList();
        for (int count : new int[] {1, 2, 20, 299, 1_000, 4_999}) {
            List<Keyed> stablySorted = elements.stream().sorted(BY_KEY).limit(count).toList();

            assertThat(FirstMatches.of(elements.stream(), count, BY_KEY)).as("first %d", count).isEqualTo(stablySorted);
            assertThat(FirstMatches.of(elements.stream(), count, BY_KEY.reversed())).as("last %d", count)
                    .isEqualTo(elements.stream().sorted(BY_KEY.reversed()).limit(count).toList());
        }
    }

    @Test
    void aCountBeyondTheElementsGivesThemAllSortedAndNoneGivesNothing() {
        List<Keyed> elements = List.of(new Keyed(3, 0), new Keyed(1, 1), new Keyed(3, 2), new Keyed(2, 3));

        assertThat(FirstMatches.of(elements.stream(), Integer.MAX_VALUE, BY_KEY))
                .containsExactly(new Keyed(1, 1), new Keyed(2, 3), new Keyed(3, 0), new Keyed(3, 2));
        assertThat(FirstMatches.of(elements.stream(), 0, BY_KEY)).isEmpty();
        assertThat(FirstMatches.of(List.<Keyed>of().stream(), 5, BY_KEY)).isEmpty();
    }

    private record Keyed(int key, int arrival) {
    }
}
