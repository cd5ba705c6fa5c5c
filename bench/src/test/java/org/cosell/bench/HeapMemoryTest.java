package org.cosell.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeapMemoryTest {

    @Test
    void sumsTheHeapPoolsAndLeavesTheOthersOut() {
        String scrape = """
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{application="deal-service",area="heap",id="G1 Eden Space"} 1.048576E7
                jvm_memory_used_bytes{application="deal-service",area="heap",id="G1 Old Gen"} 2.097152E7
                jvm_memory_used_bytes{application="deal-service",area="nonheap",id="Metaspace"} 9.9E7
                jvm_memory_committed_bytes{application="deal-service",area="heap",id="G1 Eden Space"} 3.145728E7
                jvm_memory_committed_bytes{application="deal-service",area="heap",id="G1 Old Gen"} 3.145728E7
                jvm_memory_max_bytes{application="deal-service",area="heap",id="G1 Eden Space"} -1.0
                jvm_memory_max_bytes{application="deal-service",area="heap",id="G1 Old Gen"} 5.36870912E8
                """;

        assertThat(HeapMemory.parse(scrape)).hasValueSatisfying(heap -> {
            assertThat(heap.usedMb()).isEqualTo(30.0);
            assertThat(heap.committedMb()).isEqualTo(60.0);
            assertThat(heap.maxMb()).isEqualTo(512.0);
        });
    }

    @Test
    void aScrapeWithoutHeapPoolsGivesNothing() {
        assertThat(HeapMemory.parse("process_cpu_usage 0.5\n")).isEmpty();
    }
}
