package org.cosell.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessMemoryTest {

    @Test
    void readsTheKilobytesOfAProcStatusLine() {
        assertThat(ProcessMemory.kilobytes("VmRSS:\t  281234 kB")).isEqualTo(281_234);
    }

    @Test
    void theHarnessItselfHasAResidentSetWhereProcExists() {
        if (java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self"))) {
            assertThat(ProcessMemory.of(ProcessHandle.current().pid()))
                    .hasValueSatisfying(memory -> assertThat(memory.residentKb()).isPositive()
                            .isLessThanOrEqualTo(memory.peakResidentKb()));
        }
    }

    @Test
    void numbersAreShownTheWayTheyAreRead() {
        assertThat(ResultsTable.format(12_345.6, "/s")).isEqualTo("12,346 /s");
        assertThat(ResultsTable.format(0.734, "ms")).isEqualTo("0.73 ms");
        assertThat(ResultsTable.format(Double.NaN, "ms")).isEqualTo("-");
    }
}
