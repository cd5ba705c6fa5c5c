package org.cosell.local;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-command local launcher: a Kafka broker, a MongoDB-compatible server and an SMTP sink in
 * this JVM, then every service jar as a child process, each with the environment of docs/running.md.
 * Ctrl-C (or SIGTERM) stops the services first, then the infrastructure.
 */
public final class CosellLocal {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** Small heaps and a quick JIT: six JVMs start at once on as few as two cores. */
    static final List<String> QUICK_START_JVM_OPTIONS = List.of(
            "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    /**
     * As the container image runs a service: the optimizing JIT compiler, which the quick start leaves out and
     * which makes code under load several times faster, and a heap sized for load.
     */
    static final List<String> PRODUCTION_JVM_OPTIONS = List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError");

    private static final Logger log = LoggerFactory.getLogger(CosellLocal.class);

    private final LaunchOptions options;
    private final Map<String, String> environment;
    private final Path repositoryRoot;
    private final Path workingDirectory;
    private final Instant startedAt;
    private final Deque<AutoCloseable> infrastructure = new ArrayDeque<>();
    private final ServiceProcesses services = new ServiceProcesses(STOP_GRACE);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;

    CosellLocal(LaunchOptions options, Map<String, String> environment, Path repositoryRoot,
                Path workingDirectory, Instant startedAt) {
        this.options = options;
        this.environment = Map.copyOf(environment);
        this.repositoryRoot = repositoryRoot;
        this.workingDirectory = workingDirectory;
        this.startedAt = startedAt;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("send-referral")) {
            System.exit(SampleReferral.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        CosellLocal launcher = new CosellLocal(options, System.getenv(), RepositoryRoot.locate(),
                Path.of("").toAbsolutePath(), Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "cosell-local-stop"));
        try {
            launcher.start();
        } catch (Exception e) {
            if (launcher.stopping) {
                return;
            }
            if (e instanceof LaunchException) {
                log.error(e.getMessage());
            } else {
                log.error("Cosell could not start", e);
            }
            launcher.stop();
            System.exit(1);
        }
        launcher.awaitStopped();
    }

    void start() throws Exception {
        List<CosellService> toRun = options.infraOnly() ? List.of() : CosellService.ALL;
        checkJars(toRun);
        checkPorts(toRun);
        startInfrastructure();
        if (options.infraOnly()) {
            System.out.printf("Cosell infrastructure is ready in %s: Kafka %s, MongoDB %s%s%n", elapsed(),
                    KafkaBroker.BOOTSTRAP_SERVERS, EmbeddedMongo.URI,
                    runsSmtpSink() ? ", SMTP localhost:" + SmtpSink.PORT : "");
            return;
        }
        Map<CosellService, ServiceProcess> running = startServices(toRun);
        new ReadinessWait(ServiceEnvironment.probeHost(bindAddress()), READY_TIMEOUT, () -> stopping).await(running, service ->
                log.info("{} is ready on {} ({})", service.name(), service.baseUrl(), elapsed()));
        running.values().forEach(this::reportUnexpectedExit);
        System.out.printf("Cosell is ready: %s (started in %s)%n", CosellService.GATEWAY.baseUrl(), elapsed());
        if (ServiceEnvironment.devAuthEnabled(environment)) {
            System.out.println("Sign in to the partner portal: " + CosellService.GATEWAY.baseUrl());
            System.out.println("Get a token: curl -s -X POST " + CosellService.GATEWAY.baseUrl() + "/dev/token"
                    + " -H 'Content-Type: application/json'"
                    + " -d '{\"sub\":\"dev-user\",\"partnerId\":\"4412345\",\"roles\":[\"MPN_PARTNER_ADMIN\"],"
                    + "\"email\":\"dev@example.com\",\"name\":\"Dev User\"}'");
        }
    }

    /**
     * Stops the services, then the broker, the database and the SMTP sink. A second call (say, the
     * shutdown hook while a failed start is being cleaned up) waits for the first to finish, so the
     * JVM does not exit half-way through.
     */
    void stop() {
        boolean alreadyStopping;
        synchronized (this) {
            alreadyStopping = stopping;
            stopping = true;
        }
        if (alreadyStopping) {
            awaitStopped();
            return;
        }
        try {
            boolean servicesStopped = services.stopAll();
            boolean anythingStarted = servicesStopped || hasInfrastructure();
            AutoCloseable next;
            while ((next = nextToClose()) != null) {
                try {
                    next.close();
                } catch (Exception e) {
                    log.warn("Could not stop {} cleanly", next, e);
                }
            }
            if (anythingStarted) {
                log.info("Cosell stopped");
            }
        } finally {
            stopped.countDown();
        }
    }

    void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean hasInfrastructure() {
        return !infrastructure.isEmpty();
    }

    private synchronized AutoCloseable nextToClose() {
        return infrastructure.pollFirst();
    }

    private void checkJars(List<CosellService> toRun) throws LaunchException {
        List<String> missing = toRun.stream()
                .map(service -> service.jar(repositoryRoot))
                .filter(jar -> !Files.isRegularFile(jar))
                .map(jar -> "  " + repositoryRoot.relativize(jar))
                .toList();
        if (!missing.isEmpty()) {
            throw new LaunchException("Service jars not found in " + repositoryRoot + ":\n" + String.join("\n", missing)
                    + "\nBuild them first: cd " + repositoryRoot + " && ./mvnw -q -DskipTests package");
        }
    }

    private void checkPorts(List<CosellService> toRun) throws LaunchException {
        List<RequiredPort> required = new ArrayList<>();
        required.add(new RequiredPort(KafkaBroker.PORT, "the Kafka broker"));
        required.add(new RequiredPort(KafkaBroker.CONTROLLER_PORT, "the Kafka controller"));
        required.add(new RequiredPort(EmbeddedMongo.PORT, "the MongoDB-compatible server"));
        if (runsSmtpSink()) {
            required.add(new RequiredPort(SmtpSink.PORT, "the SMTP sink"));
        }
        toRun.forEach(service -> {
            required.add(new RequiredPort(service.port(), service.name()));
            required.add(new RequiredPort(service.managementPort(), service.name() + " (management)"));
        });
        List<RequiredPort> taken = RequiredPort.taken(required);
        if (!taken.isEmpty()) {
            throw new LaunchException("Cannot start, " + String.join("; ", taken.stream().map(RequiredPort::describe).toList())
                    + ".\nIs Cosell already running? See what listens with: lsof -i :" + taken.get(0).port());
        }
    }

    private void startInfrastructure() throws Exception {
        Path data = workingDirectory.resolve("data");
        if (runsSmtpSink()) {
            keep(SmtpSink.start());
            log.info("SMTP sink listening on localhost:{}", SmtpSink.PORT);
        }
        if (options.inMemory()) {
            keep(EmbeddedMongo.startInMemory());
            log.info("MongoDB-compatible server listening on {} (in memory)", EmbeddedMongo.URI);
        } else {
            keep(EmbeddedMongo.startOnDisk(data.resolve("mongo")));
            log.info("MongoDB-compatible server listening on {} (data in {})", EmbeddedMongo.URI, data.resolve("mongo"));
        }
        Path kafkaData;
        if (options.inMemory()) {
            kafkaData = Files.createTempDirectory("cosell-kafka-");
            keep(() -> deleteRecursively(kafkaData));
        } else {
            kafkaData = data.resolve("kafka");
        }
        keep(KafkaBroker.start(kafkaData));
        log.info("Kafka broker listening on {} (data in {})", KafkaBroker.BOOTSTRAP_SERVERS, kafkaData);
        CosellTopics.createAll(KafkaBroker.BOOTSTRAP_SERVERS);
        log.info("{} topics ready, {} partitions each", CosellTopics.all().size(), CosellTopics.PARTITIONS);
    }

    private Map<CosellService, ServiceProcess> startServices(List<CosellService> toRun) throws IOException, LaunchException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<CosellService, ServiceProcess> running = new LinkedHashMap<>();
        for (CosellService service : toRun) {
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(options.productionJvm() ? PRODUCTION_JVM_OPTIONS : QUICK_START_JVM_OPTIONS);
            command.addAll(List.of("-jar", service.jar(repositoryRoot).toString()));
            ServiceProcess process = ServiceProcess.start(service.name(), command,
                    ServiceEnvironment.of(service, bindAddress(), environment), workingDirectory, System.out::println);
            if (!services.add(process)) {
                throw new LaunchException("Stopped while starting the services");
            }
            running.put(service, process);
        }
        log.info("Started {}; waiting for them to be ready", String.join(", ", toRun.stream().map(CosellService::name).toList()));
        return running;
    }

    private void reportUnexpectedExit(ServiceProcess process) {
        process.process().onExit().thenAccept(exited -> {
            if (!stopping) {
                log.warn("{} exited with code {}; the other services keep running (Ctrl-C stops all)",
                        process.name(), exited.exitValue());
            }
        });
    }

    /** Remembers a started component to close on stop, last started first closed; closes it now if stopping. */
    private void keep(AutoCloseable component) throws Exception {
        synchronized (this) {
            if (!stopping) {
                infrastructure.addFirst(component);
                return;
            }
        }
        component.close();
        throw new LaunchException("Stopped while starting the infrastructure");
    }

    private String bindAddress() {
        return ServiceEnvironment.bindAddress(options, environment);
    }

    private boolean runsSmtpSink() {
        return ServiceEnvironment.runsSmtpSink(environment);
    }

    private String elapsed() {
        return String.format(Locale.ROOT, "%.1f s", Duration.between(startedAt, Instant.now()).toMillis() / 1000.0);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
