package org.cosell.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resident memory of a process as Linux reports it in {@code /proc/<pid>/status}: now
 * ({@code VmRSS}) and the most it has held ({@code VmHWM}).
 */
record ProcessMemory(long residentKb, long peakResidentKb) {

    static Optional<ProcessMemory> of(long pid) {
        try {
            long resident = -1;
            long peak = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    resident = kilobytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line);
                }
            }
            return resident < 0 ? Optional.empty() : Optional.of(new ProcessMemory(resident, peak));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    double residentMb() {
        return residentKb / 1024.0;
    }

    double peakResidentMb() {
        return peakResidentKb / 1024.0;
    }

    /** {@code VmRSS:  123456 kB} (a tab after the colon) → 123456. */
    static long kilobytes(String statusLine) {
        return Long.parseLong(statusLine.substring(statusLine.indexOf(':') + 1).replace("kB", "").trim());
    }
}
