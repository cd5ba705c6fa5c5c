package org.cosell.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * The machine's load averages (from {@code /proc/loadavg}) at a moment of the run: figures from a
 * 2-core machine mean little without how busy it was.
 */
record LoadAverage(String when, Instant at, double oneMinute, double fiveMinutes, double fifteenMinutes) {

    static LoadAverage sample(String when) {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new LoadAverage(when, Instant.now(), Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                    Double.parseDouble(parts[2]));
        } catch (IOException | RuntimeException e) {
            return new LoadAverage(when, Instant.now(), Double.NaN, Double.NaN, Double.NaN);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "load %.2f / %.2f / %.2f (%s)", oneMinute, fiveMinutes, fifteenMinutes, when);
    }
}
