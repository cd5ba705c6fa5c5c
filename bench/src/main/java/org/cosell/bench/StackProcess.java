package org.cosell.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cosell.stack.ChildProcess;
import org.cosell.stack.CosellService;
import org.cosell.stack.JavaCommand;
import org.cosell.stack.ProcessOutput;

/**
 * The local stack the benchmarks run against: the launcher started as a child process
 * ({@code --in-memory}, so a run leaves no data behind; {@code --production-jvm}, so the services
 * run with the optimizing JIT compiler as in their container image, not the launcher's quick-start
 * JVM options) and waited for until it prints
 * {@code Cosell is ready}, or a stack already running ({@code --attach}). Its output goes to a log
 * file; the lines that say when each part was ready are kept as the startup figures.
 */
final class StackProcess implements AutoCloseable {

    static final String READY_LINE = "Cosell is ready";
    private static final String ARCHIVES_PREPARING = "Preparing a faster next start";
    private static final String ARCHIVES_READY = "Class data archives ready";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern SERVICE_READY = Pattern.compile("(\\S+) is ready on http://localhost:\\d+ \\((\\d+(?:\\.\\d+)?) s\\)");
    private static final Pattern STACK_READY = Pattern.compile(READY_LINE + ": \\S+ \\(started in (\\d+(?:\\.\\d+)?) s\\)");
    private static final Pattern SPRING_STARTED = Pattern.compile("^\\[([\\w-]+)] .*Started \\w+ in (\\d+(?:\\.\\d+)?) seconds");
    private static final Pattern JAR = Pattern.compile("([\\w.-]+)\\.jar");
    private static final Pattern SERVICE_JAR = Pattern.compile(
            "/(" + String.join("|", CosellService.ALL.stream().map(CosellService::name).toList()) + ")\\.jar");

    /**
     * The gateway's rate limits, far above anything the benchmarks send: its throughput figures are of
     * one partner's clients, which the default limits (50 calls a second, 16 in flight) would answer
     * 429. The limiter still runs on every call, so its cost stays in the figures.
     */
    private static final Map<String, String> UNREACHABLE_RATE_LIMITS = Map.of(
            "RATE_LIMIT_PARTNER_PER_SECOND", "1000000", "RATE_LIMIT_PARTNER_BURST", "1000000",
            "RATE_LIMIT_USER_PER_SECOND", "1000000", "RATE_LIMIT_USER_BURST", "1000000",
            "RATE_LIMIT_PARTNER_IN_FLIGHT", "1000000");

    private final ChildProcess launcher;
    private final ProcessHandle handle;
    private final Path logFile;
    private final BufferedWriter log;
    private boolean logOpen = true;
    private final long launchedAtNanos = System.nanoTime();
    private final Map<String, Double> readyAfter = new LinkedHashMap<>();
    private final Map<String, Double> springStartedIn = new LinkedHashMap<>();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch archivesReady = new CountDownLatch(1);
    private volatile boolean archivesPreparing;
    private volatile double infrastructureReadyAfter = Double.NaN;
    private volatile double stackReadyAfter = Double.NaN;
    private boolean closed;
    /** Stops a launcher started here when the harness's JVM ends before {@link #close} (Ctrl-C, a failure). */
    private final Thread stopAtExit;

    /** A stack started by someone else. */
    private StackProcess(ProcessHandle handle) {
        this.launcher = null;
        this.handle = handle;
        this.logFile = null;
        this.log = null;
        this.stopAtExit = null;
    }

    private StackProcess(List<String> jvmOptions, Path launcherJar, Path logFile, Consumer<String> progress,
                         Map<String, String> environment, Path workingDirectory, String... arguments) throws IOException {
        this.logFile = logFile;
        this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        this.launcher = new ChildProcess("launcher",
                JavaCommand.of(jvmOptions, launcherJar, arguments), environment,
                workingDirectory, ProcessOutput.lines("", line -> onLine(line, progress)));
        this.launcher.start();
        this.handle = launcher.handle();
        // from the moment it runs: a Ctrl-C while it starts, or during the footprint's starts, stops it too
        this.stopAtExit = new Thread(this::close, "stop-launcher");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        launcher.onExit().thenRun(ready::countDown);
    }

    /** Starts {@code java -jar <launcherJar> --in-memory --production-jvm} and waits until the whole stack is ready. */
    static StackProcess launch(Path launcherJar, Path logFile, Duration readyTimeout, Consumer<String> progress)
            throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(UNREACHABLE_RATE_LIMITS);
        return launch(List.of(), launcherJar, logFile, readyTimeout, progress, environment, Path.of("").toAbsolutePath(),
                "--in-memory", "--production-jvm");
    }

    /**
     * Starts the launcher with the README's command ({@code java <JavaCommand.LAUNCHER> -jar <launcherJar>}) as a
     * developer does, in the default mode (quick-start JVM options, data under {@code workingDirectory/data}), and
     * waits until the whole stack is ready.
     */
    static StackProcess launchDefaultMode(Path launcherJar, Path logFile, Path workingDirectory, Duration readyTimeout,
                                          Consumer<String> progress) throws IOException, InterruptedException {
        return launch(JavaCommand.LAUNCHER, launcherJar, logFile, readyTimeout, progress, System.getenv(), workingDirectory);
    }

    private static StackProcess launch(List<String> jvmOptions, Path launcherJar, Path logFile, Duration readyTimeout,
                                       Consumer<String> progress, Map<String, String> environment, Path workingDirectory,
                                       String... arguments)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(launcherJar)) {
            throw new IllegalStateException("No launcher at " + launcherJar.toAbsolutePath()
                    + "; build first: ./mvnw -q -DskipTests package (from the repository root)");
        }
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        StackProcess stack = new StackProcess(jvmOptions, launcherJar, logFile, progress, environment, workingDirectory,
                arguments);
        progress.accept("launcher started (pid " + stack.handle.pid() + "), output in " + logFile);
        if (!stack.ready.await(readyTimeout.toMillis(), TimeUnit.MILLISECONDS) || !stack.launcher.isAlive()) {
            String tail = stack.tail();
            stack.close();
            throw new IllegalStateException("The launcher was not ready within " + readyTimeout.toSeconds()
                    + " s (or exited); its last lines:\n" + tail);
        }
        return stack;
    }

    /** A stack started by someone else; the launcher process is looked up to measure its memory. */
    static StackProcess attach() {
        ProcessHandle launcherHandle = ProcessHandle.allProcesses()
                .filter(process -> commandLine(process).contains("cosell-local.jar")
                        && !commandLine(process).contains("send-referral"))
                .findFirst()
                .orElse(null);
        return new StackProcess(launcherHandle);
    }

    /** Each line of the launcher's output, as it comes: into the log file, and into the startup figures. */
    private void onLine(String line, Consumer<String> progress) {
        synchronized (log) {
            if (logOpen) {
                try {
                    log.write(line);
                    log.newLine();
                    log.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        remember(line);
        String milestone = milestone(line);
        if (milestone != null) {
            progress.accept(milestone);
        }
        if (line.contains(READY_LINE)) {
            ready.countDown();
        }
        if (line.contains(ARCHIVES_PREPARING)) {
            archivesPreparing = true;
        }
        if (line.contains(ARCHIVES_READY)) {
            archivesReady.countDown();
        }
    }

    private synchronized void remember(String line) {
        lastLines.addLast(line);
        if (lastLines.size() > 40) {
            lastLines.removeFirst();
        }
    }

    private synchronized String tail() {
        return String.join("\n", lastLines);
    }

    /** What a line says about readiness, recorded as a startup figure; {@code null} for every other line. */
    synchronized String milestone(String line) {
        double elapsed = (System.nanoTime() - launchedAtNanos) / 1e9;
        if (line.startsWith("[local]") && line.contains("topics ready")) {
            infrastructureReadyAfter = elapsed;
            return String.format(Locale.ROOT, "Kafka, MongoDB and SMTP ready after %.1f s", elapsed);
        }
        Matcher started = SPRING_STARTED.matcher(line);
        if (started.find()) {
            springStartedIn.put(started.group(1), Double.parseDouble(started.group(2)));
            return null;
        }
        Matcher stack = STACK_READY.matcher(line);
        if (stack.find()) {
            stackReadyAfter = Double.parseDouble(stack.group(1));
            return line.trim();
        }
        Matcher service = SERVICE_READY.matcher(line);
        if (line.startsWith("[local]") && service.find()) {
            readyAfter.put(service.group(1), Double.parseDouble(service.group(2)));
            return service.group(1) + " ready after " + service.group(2) + " s";
        }
        return null;
    }

    /** Seconds from the launcher's start until each service answered its readiness check. */
    synchronized Map<String, Double> readyAfter() {
        return Map.copyOf(readyAfter);
    }

    /** Seconds each service's Spring context took to start, as it reported. */
    synchronized Map<String, Double> springStartedIn() {
        return Map.copyOf(springStartedIn);
    }

    double infrastructureReadyAfter() {
        return infrastructureReadyAfter;
    }

    double stackReadyAfter() {
        return stackReadyAfter;
    }

    /**
     * After a quick start that found a service's class data archive missing or stale: waits until the launcher
     * has built them in the background, answering whether it did within {@code timeout}; true at once when
     * nothing was to be built.
     */
    boolean awaitClassDataArchives(Duration timeout) throws InterruptedException {
        return !archivesPreparing || archivesReady.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the launcher began building class data archives after this start. */
    boolean builtClassDataArchives() {
        return archivesPreparing;
    }

    boolean launchedHere() {
        return launcher != null;
    }

    /**
     * Throws, saying so, when the launcher started here has exited (crashed, killed, or stopped by {@link #close()}):
     * a benchmark on its stack would only wait for the timeouts of its calls.
     */
    void requireRunning() {
        if (launcher != null && !launcher.isAlive()) {
            throw new IllegalStateException("the stack's launcher has exited (code " + launcher.exitValue()
                    + "); its output is in " + logFile);
        }
    }

    /**
     * The launcher and every process it started, each named by its jar, and the service jars running
     * beside it: attached to a launcher started with {@code --infra-only}, the services are not its children.
     */
    List<NamedProcess> processes() {
        List<NamedProcess> processes = new ArrayList<>();
        Set<Long> listed = new HashSet<>();
        if (handle != null && handle.isAlive()) {
            processes.add(new NamedProcess("launcher (Kafka, MongoDB, SMTP)", handle));
            handle.descendants().forEach(child -> processes.add(new NamedProcess(name(child), child)));
            processes.forEach(process -> listed.add(process.handle().pid()));
        }
        if (!launchedHere()) {
            ProcessHandle.allProcesses()
                    .filter(process -> !listed.contains(process.pid()) && SERVICE_JAR.matcher(commandLine(process)).find())
                    .forEach(process -> processes.add(new NamedProcess(name(process), process)));
        }
        return processes;
    }

    private static String name(ProcessHandle process) {
        Matcher jar = JAR.matcher(commandLine(process));
        String name = null;
        while (jar.find()) {
            name = jar.group(1);
        }
        return name == null ? "pid " + process.pid() : name;
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElse("");
    }

    /** Stops a launcher started here as Ctrl-C would (services first, then infrastructure); force only if it hangs. */
    @Override
    public synchronized void close() {
        if (closed || launcher == null) {
            return;
        }
        closed = true;
        launcher.stop(STOP_TIMEOUT);
        if (Thread.currentThread() != stopAtExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: close() is idempotent
            }
        }
        synchronized (log) {
            logOpen = false;
            try {
                log.close();
            } catch (IOException e) {
                // the figures are written elsewhere; a log that cannot be closed loses at most its last lines
            }
        }
    }

    /** A process of the stack and what runs in it. */
    record NamedProcess(String name, ProcessHandle handle) {

        Optional<ProcessMemory> memory() {
            return ProcessMemory.of(handle.pid());
        }
    }
}
