package org.cosell.local;

import com.sun.management.HotSpotDiagnosticMXBean;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.cosell.stack.ChildProcess;
import org.cosell.stack.ChildProcesses;
import org.cosell.stack.ClassDataArchive;
import org.cosell.stack.CosellService;
import org.cosell.stack.CosellTopics;
import org.cosell.stack.EmbeddedMongo;
import org.cosell.stack.JavaCommand;
import org.cosell.stack.KafkaBroker;
import org.cosell.stack.ProcessOutput;
import org.cosell.stack.ReadinessWait;
import org.cosell.stack.RequiredPort;
import org.cosell.stack.ServiceEnvironment;
import org.cosell.stack.SmtpSink;
import org.cosell.stack.StartUpHeap;
import org.cosell.stack.StackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-command local launcher: the stack's Kafka broker, MongoDB-compatible server and SMTP sink in
 * this JVM, then every service jar as a child process, each with the environment of docs/running.md.
 * Ctrl-C (or SIGTERM) stops the services first, then the infrastructure.
 */
public final class CosellLocal {

    /**
     * How long the services may take to be ready before the launcher gives up: on two cores busy with other work,
     * six JVMs starting at once (with the optimizing compiler, {@code --production-jvm}) took over two minutes.
     */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    static final Duration MEMORY_RETURN_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(CosellLocal.class);

    private final LaunchOptions options;
    private final Map<String, String> environment;
    private final Path repositoryRoot;
    private final Path workingDirectory;
    private final Instant startedAt;
    private final Deque<AutoCloseable> infrastructure = new ArrayDeque<>();
    private final ChildProcesses services = new ChildProcesses(STOP_GRACE);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ExecutorService backgroundWork = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "cosell-local-background");
        thread.setDaemon(true);
        return thread;
    });
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
            if (e instanceof StackException) {
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
        Map<CosellService, CompletableFuture<ClassDataArchive>> archives = extractWhileInfrastructureStarts(toRun);
        // the gateway and the portal need neither the broker nor the database: their start overlaps the broker's
        List<CosellService> early = toRun.stream().filter(CosellService.WITHOUT_INFRASTRUCTURE::contains).toList();
        Map<CosellService, ChildProcess> running = startServices(early, archives);
        startInfrastructure();
        if (options.infraOnly()) {
            System.out.printf("Cosell infrastructure is ready in %s: Kafka %s, MongoDB %s%s%n", elapsed(),
                    KafkaBroker.BOOTSTRAP_SERVERS, EmbeddedMongo.URI,
                    runsSmtpSink() ? ", SMTP localhost:" + SmtpSink.PORT : "");
            returnStartUpMemory();
            return;
        }
        running.putAll(startServices(toRun.stream().filter(service -> !early.contains(service)).toList(), archives));
        log.info("Started {}; waiting for them to be ready", String.join(", ", running.keySet().stream().map(CosellService::name).toList()));
        new ReadinessWait(ServiceEnvironment.probeHost(bindAddress()), READY_TIMEOUT, () -> stopping).await(running, service ->
                log.info("{} is ready on {} ({})", service.name(), service.baseUrl(), elapsed()));
        running.values().forEach(this::reportUnexpectedExit);
        // said before the ready line, so that whoever waits for that line knows whether archives are coming
        trainInBackground(archives);
        System.out.printf("Cosell is ready: %s (started in %s)%n", CosellService.GATEWAY.baseUrl(), elapsed());
        if (ServiceEnvironment.devAuthEnabled(environment)) {
            System.out.println("Sign in to the partner portal: " + CosellService.GATEWAY.baseUrl());
            System.out.println("Get a token: curl -s -X POST " + CosellService.GATEWAY.baseUrl() + "/dev/token"
                    + " -H 'Content-Type: application/json'"
                    + " -d '{\"sub\":\"dev-user\",\"partnerId\":\"4412345\",\"roles\":[\"MPN_PARTNER_ADMIN\"],"
                    + "\"email\":\"dev@example.com\",\"name\":\"Dev User\"}'");
        }
        // after everything the ready message says, which a reader takes in as one block
        if (!options.productionJvm()) {
            returnServicesStartUpMemory(running);
        }
        returnStartUpMemory();
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

    private void checkJars(List<CosellService> toRun) throws StackException {
        List<String> missing = toRun.stream()
                .map(service -> service.jar(repositoryRoot))
                .filter(jar -> !Files.isRegularFile(jar))
                .map(jar -> "  " + repositoryRoot.relativize(jar))
                .toList();
        if (!missing.isEmpty()) {
            throw new StackException("Service jars not found in " + repositoryRoot + ":\n" + String.join("\n", missing)
                    + "\nBuild them first: cd " + repositoryRoot + " && ./mvnw -q -DskipTests package");
        }
    }

    private void checkPorts(List<CosellService> toRun) throws StackException {
        List<RequiredPort> taken = RequiredPort.taken(RequiredPort.forStack(toRun, runsSmtpSink()));
        if (!taken.isEmpty()) {
            throw new StackException("Cannot start, " + String.join("; ", taken.stream().map(RequiredPort::describe).toList())
                    + ".\nIs Cosell already running? See what listens with: lsof -i :" + taken.get(0).port());
        }
    }

    private void startInfrastructure() throws Exception {
        Path data = workingDirectory.resolve("data");
        if (runsSmtpSink()) {
            keep(SmtpSink.start(MailLog::delivered));
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

    /**
     * Quick start only: each service's jar extracted (once; see {@link ClassDataArchive}) while the broker and
     * the database start, copying files beside their start. A jar that cannot be extracted runs as it is.
     */
    private Map<CosellService, CompletableFuture<ClassDataArchive>> extractWhileInfrastructureStarts(
            List<CosellService> toRun) {
        Map<CosellService, CompletableFuture<ClassDataArchive>> archives = new LinkedHashMap<>();
        if (options.productionJvm()) {
            return archives;
        }
        for (CosellService service : toRun) {
            ClassDataArchive archive = ClassDataArchive.of(service, repositoryRoot);
            archives.put(service, CompletableFuture.supplyAsync(() -> {
                try {
                    archive.extract();
                } catch (IOException | StackException e) {
                    log.warn("Could not extract {}; it starts from its jar: {}", service.name(), e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return archive;
            }, backgroundWork));
        }
        return archives;
    }

    /**
     * After the first start, and after a rebuild of a jar: the training runs that make each later start use
     * the services' class data archives, one service after the other, in the background.
     */
    private void trainInBackground(Map<CosellService, CompletableFuture<ClassDataArchive>> archives) {
        List<CosellService> untrained = archives.keySet().stream()
                .filter(service -> archives.get(service).join().isExtracted() && !archives.get(service).join().isTrained())
                .toList();
        if (untrained.isEmpty()) {
            return;
        }
        log.info("Preparing a faster next start in the background: a class data archive of {}",
                String.join(", ", untrained.stream().map(CosellService::name).toList()));
        backgroundWork.execute(() -> {
            Instant began = Instant.now();
            List<String> archived = new ArrayList<>();
            for (CosellService service : untrained) {
                ClassDataArchive archive = archives.get(service).join();
                ChildProcess training = archive.trainingRun(JavaCommand.quickStart(service),
                        serviceEnvironment(service), workingDirectory);
                try {
                    training.start();
                    if (!services.add(training)) {
                        return;
                    }
                    training.onExit().join();
                    if (stopping) {
                        return;
                    }
                    if (archive.keepTrainingResult(training.exitValue())) {
                        archived.add(service.name());
                    } else {
                        log.warn("The training run of {} failed (code {}); it keeps starting without an archive, see {}",
                                service.name(), training.exitValue(), training.output().whereToLook());
                    }
                } catch (IOException e) {
                    log.warn("Could not train {}: {}", service.name(), e.getMessage());
                }
            }
            log.info("Class data archives ready in {} s: the next start uses them ({})",
                    Duration.between(began, Instant.now()).toSeconds(), String.join(", ", archived));
        });
    }

    private Map<CosellService, ChildProcess> startServices(List<CosellService> toRun,
                                                           Map<CosellService, CompletableFuture<ClassDataArchive>> archives)
            throws IOException, StackException {
        Map<CosellService, ChildProcess> running = new LinkedHashMap<>();
        for (CosellService service : toRun) {
            List<String> command = options.productionJvm()
                    ? JavaCommand.of(JavaCommand.PRODUCTION, service.jar(repositoryRoot))
                    : archives.get(service).join().command(JavaCommand.quickStart(service));
            ChildProcess process = new ChildProcess(service.name(), command, serviceEnvironment(service), workingDirectory,
                    ProcessOutput.lines("[" + service.name() + "] ", System.out::println));
            process.start();
            if (!services.add(process)) {
                throw new StackException("Stopped while starting the services");
            }
            running.put(service, process);
        }
        return running;
    }

    private Map<String, String> serviceEnvironment(CosellService service) {
        Map<String, String> serviceEnvironment = new HashMap<>(ServiceEnvironment.of(service, bindAddress(), environment));
        if (!options.productionJvm()) {
            JavaCommand.QUICK_START_ENVIRONMENT.forEach(serviceEnvironment::putIfAbsent);
        }
        return serviceEnvironment;
    }

    /** One service after the other, so that the stack at rest is not slowed by six collections at once. */
    private void returnServicesStartUpMemory(Map<CosellService, ChildProcess> running) throws InterruptedException {
        for (ChildProcess process : running.values()) {
            if (stopping) {
                return;
            }
            try {
                if (!StartUpHeap.returnFrom(process.handle(), MEMORY_RETURN_TIMEOUT)) {
                    log.debug("{} keeps its start-up memory: jcmd could not reach it", process.name());
                }
            } catch (IOException e) {
                log.debug("{} keeps its start-up memory: {}", process.name(), e.getMessage());
            }
        }
    }

    /**
     * This JVM (the broker, the database, the mail sink) is started with plain {@code java -jar}, so with the
     * JVM's default heap sizing, which keeps up to 70 % of the heap free once start-up grew it: about 220 MB
     * committed for well under 100 MB live. Once everything is up it is told to keep little free (both ratios
     * are manageable at run time) and collects once, which hands the start-up's garbage back to the system;
     * the heap grows again as the broker and the database need it. Then the native memory start-up freed, which
     * glibc keeps in its arenas otherwise, as the services'.
     */
    private static void returnStartUpMemory() throws InterruptedException {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        try {
            // in this order, so that the minimum never exceeds the maximum on the way
            vm.setVMOption("MinHeapFreeRatio", "10");
            vm.setVMOption("MaxHeapFreeRatio", "30");
            System.gc();
        } catch (IllegalArgumentException notSettable) {
            log.debug("Keeping the heap's free ratios: {}", notSettable.getMessage());
        }
        try {
            StartUpHeap.trimNativeHeap(ProcessHandle.current(), MEMORY_RETURN_TIMEOUT);
        } catch (IOException e) {
            log.debug("Keeping the native memory start-up freed: {}", e.getMessage());
        }
    }

    private void reportUnexpectedExit(ChildProcess process) {
        process.onExit().thenAccept(exited -> {
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
        throw new StackException("Stopped while starting the infrastructure");
    }

    private String bindAddress() {
        return ServiceEnvironment.bindAddress(options.bindAddress(), environment);
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
