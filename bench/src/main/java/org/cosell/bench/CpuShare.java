package org.cosell.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the machine's CPU went during a benchmark: the CPU time each process of the stack (and the
 * harness itself) used between two snapshots, as a share of all cores over the same wall time. On
 * two cores this says first what limits a throughput figure.
 */
final class CpuShare {

    private final Map<String, ProcessHandle> processes = new LinkedHashMap<>();
    private final Map<String, Duration> before = new LinkedHashMap<>();
    private final long startNanos;

    private CpuShare(List<StackProcess.NamedProcess> stack) {
        stack.forEach(process -> processes.put(process.name(), process.handle()));
        processes.put("bench (this harness)", ProcessHandle.current());
        processes.forEach((name, handle) -> before.put(name, cpu(handle)));
        startNanos = System.nanoTime();
    }

    static CpuShare start(StackProcess stack) {
        return new CpuShare(stack.processes());
    }

    /** One row per process: CPU seconds used since the start, busiest first. */
    record Usage(String process, double cpuSeconds, double shareOfMachine) {
    }

    List<Usage> stop() {
        double wallSeconds = Rates.seconds(System.nanoTime() - startNanos);
        double capacity = wallSeconds * Runtime.getRuntime().availableProcessors();
        List<Usage> usages = new ArrayList<>();
        processes.forEach((name, handle) -> {
            double seconds = Rates.seconds(cpu(handle).minus(before.get(name)).toNanos());
            usages.add(new Usage(name, seconds, 100 * seconds / capacity));
        });
        usages.sort((a, b) -> Double.compare(b.cpuSeconds(), a.cpuSeconds()));
        return usages;
    }

    /** The processes that used at least 2 % of the machine; the others are noise here. */
    static List<Usage> busiest(List<Usage> usages) {
        return usages.stream().filter(usage -> usage.shareOfMachine() >= 2).toList();
    }

    static void report(List<Usage> usages, String benchmark, String during, ResultsTable table) {
        report(usages, benchmark, during, table, 0);
    }

    /** As above; with {@code requests} answered meanwhile, each note also says the CPU per request. */
    static void report(List<Usage> usages, String benchmark, String during, ResultsTable table, long requests) {
        double total = usages.stream().mapToDouble(Usage::shareOfMachine).sum();
        for (Usage usage : usages) {
            String note = String.format(Locale.ROOT, "%.1f s of CPU", usage.cpuSeconds());
            if (requests > 0) {
                note += String.format(Locale.ROOT, ", %.2f ms per request", 1000 * usage.cpuSeconds() / requests);
            }
            table.add(Figure.info(benchmark, "CPU " + during + ": " + usage.process(), usage.shareOfMachine(), "%", note));
        }
        table.add(Figure.info(benchmark, "CPU " + during + ": the processes above", total, "%",
                "of " + Runtime.getRuntime().availableProcessors() + " cores; the rest went to other work or idled"));
    }

    private static Duration cpu(ProcessHandle handle) {
        return handle.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
