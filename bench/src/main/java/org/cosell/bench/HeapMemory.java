package org.cosell.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cosell.stack.CosellService;

/**
 * A service's Java heap as its own {@code /actuator/prometheus} reports it (Micrometer's
 * {@code jvm_memory_*_bytes{area="heap"}}, summed over the pools): what it holds, what the JVM has
 * taken from the system for it, and the most it may take. Beside the resident set, it tells how much
 * of a container's memory limit the heap needs and how much is the JVM's own (code, metaspace,
 * threads, buffers).
 */
record HeapMemory(long usedBytes, long committedBytes, long maxBytes) {

    private static final Pattern HEAP_LINE = Pattern.compile(
            "^jvm_memory_(used|committed|max)_bytes\\{([^}]*)} ([0-9.eE+-]+)$", Pattern.MULTILINE);

    static Optional<HeapMemory> of(CosellService service) {
        return PrometheusScrape.of(service).flatMap(HeapMemory::parse);
    }

    /** Sums the heap pools of a Prometheus scrape; empty when it names none. */
    static Optional<HeapMemory> parse(String metrics) {
        long used = 0;
        long committed = 0;
        long max = 0;
        boolean found = false;
        Matcher line = HEAP_LINE.matcher(metrics);
        while (line.find()) {
            if (!line.group(2).contains("area=\"heap\"")) {
                continue;
            }
            long bytes = Math.max(0, (long) Double.parseDouble(line.group(3)));
            found = true;
            switch (line.group(1)) {
                case "used" -> used += bytes;
                case "committed" -> committed += bytes;
                default -> max += bytes;
            }
        }
        return found ? Optional.of(new HeapMemory(used, committed, max)) : Optional.empty();
    }

    double usedMb() {
        return usedBytes / (1024.0 * 1024.0);
    }

    double committedMb() {
        return committedBytes / (1024.0 * 1024.0);
    }

    double maxMb() {
        return maxBytes / (1024.0 * 1024.0);
    }
}
