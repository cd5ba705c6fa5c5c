package org.cosell.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The footprint of the local stack as a developer runs it: {@code java -jar local/target/cosell-local.jar} in the
 * default mode (quick-start JVM options, data on disk, here under a temporary directory), started twice, before
 * the stack the other benchmarks use. The first start is a clean clone's: it extracts the service jars and, once
 * ready, builds their class data archives in the background, which is waited for. The second start is the one a
 * developer restarting the stack gets, and the one held to the targets: seconds from the launcher's start to
 * {@code Cosell is ready} and to each service's readiness, and the resident memory of all its processes at rest,
 * {@link #AT_REST} after it was ready.
 */
final class LocalStartBenchmark {

    static final Duration AT_REST = Duration.ofSeconds(30);
    static final double READY_TARGET_SECONDS = 25;
    static final double RESIDENT_TARGET_MB = 1_400;
    static final String READY_BEFORE = "before: 43–53 s";
    static final String RESIDENT_BEFORE = "before: 2,200 MB";

    private static final String NAME = FootprintBenchmark.NAME;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration ARCHIVES_TIMEOUT = Duration.ofMinutes(10);

    private LocalStartBenchmark() {
    }

    static void run(Path launcherJar, Path logDirectory, ResultsTable table, Progress progress) throws Exception {
        // the launcher runs in a directory of its own, where a relative path no longer finds it
        launcherJar = launcherJar.toAbsolutePath();
        Path workingDirectory = Files.createTempDirectory("cosell-bench-local-");
        try {
            try (StackProcess first = StackProcess.launchDefaultMode(launcherJar,
                    logDirectory.resolve("launcher-default-first.log"), workingDirectory, READY_TIMEOUT, progress)) {
                boolean archived = first.awaitClassDataArchives(ARCHIVES_TIMEOUT);
                table.add(Figure.info(NAME, "default mode, first start: whole stack ready", first.stackReadyAfter(), "s",
                        first.builtClassDataArchives()
                                ? "jars extracted, class data archives then built in the background"
                                + (archived ? "" : " (not done within " + ARCHIVES_TIMEOUT.toMinutes() + " min)")
                                : "class data archives were already there"));
            }
            try (StackProcess second = StackProcess.launchDefaultMode(launcherJar,
                    logDirectory.resolve("launcher-default.log"), workingDirectory, READY_TIMEOUT, progress)) {
                Map<String, Double> springStarted = second.springStartedIn();
                new TreeMap<>(second.readyAfter()).forEach((service, seconds) -> table.add(Figure.info(NAME,
                        "default mode: " + service + " ready", seconds, "s", springStarted.containsKey(service)
                                ? String.format(Locale.ROOT, "its Spring context started in %.1f s", springStarted.get(service))
                                : "")));
                table.add(Figure.atMost(NAME, "default mode: whole stack ready", second.stackReadyAfter(), "s",
                        READY_BEFORE, READY_TARGET_SECONDS, "≤ 25 s", "\"Cosell is ready\" of a second start, class data "
                                + "archives in place; " + Runtime.getRuntime().availableProcessors() + " cores"));
                progress.accept("default mode: waiting " + AT_REST.toSeconds() + " s for the stack to be at rest");
                Thread.sleep(AT_REST.toMillis());
                resident(second.processes(), table);
            }
        } finally {
            deleteRecursively(workingDirectory);
        }
    }

    private static void resident(List<StackProcess.NamedProcess> processes, ResultsTable table) {
        double total = 0;
        for (StackProcess.NamedProcess process : processes) {
            var memory = process.memory();
            if (memory.isPresent()) {
                total += memory.get().residentMb();
                table.add(Figure.info(NAME, "default mode, RSS at rest: " + process.name(), memory.get().residentMb(), "MB",
                        String.format(Locale.ROOT, "peak %.0f MB", memory.get().peakResidentMb())));
            }
        }
        table.add(Figure.atMost(NAME, "default mode, RSS at rest: all " + processes.size() + " processes", total, "MB",
                RESIDENT_BEFORE, RESIDENT_TARGET_MB, "≤ 1,400 MB", "VmRSS summed, " + AT_REST.toSeconds()
                        + " s after ready"));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
