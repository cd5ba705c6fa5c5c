package org.cosell.faults;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.cosell.stack.ChildProcess;
import org.cosell.stack.CosellService;
import org.cosell.stack.CosellTopics;
import org.cosell.stack.DevIssuer;
import org.cosell.stack.EmbeddedMongo;
import org.cosell.stack.JavaCommand;
import org.cosell.stack.KafkaBroker;
import org.cosell.stack.ProcessOutput;
import org.cosell.stack.RequiredPort;
import org.cosell.stack.ServiceEnvironment;
import org.cosell.stack.SmtpSink;

/**
 * The real system, assembled from the stack library piece by piece so that each piece can be stopped,
 * killed and started again on its own: the broker and the database as child processes (data on disk
 * under {@code faults/target/fault-run}), the SMTP server inside the suite, and every service jar but
 * the portal as a child process on its docs/running.md port and its management port (9080-9084), on
 * 127.0.0.1 only. A second replica of expiry-scheduler (port 8086, management 9086), deal-service
 * (8087, 9087), referral-service (8088, 9088) and notification-service (8089, 9089) is ready to
 * start: the same jar in the same consumer group on the same broker and database.
 * Nothing of the caller's environment that would change a service reaches one.
 */
final class Stack implements AutoCloseable {

    static final String GATEWAY = CosellService.GATEWAY.name();
    /**
     * Run as in production: the rate-limit and overload cases measure latency under a burst through the
     * gateway, and the rate-limit case's calls are notification-service's settings reads; the quick start's
     * C1-only JIT and serial collector would make those figures the quick start's.
     */
    private static final List<CosellService> AS_IN_PRODUCTION = List.of(CosellService.GATEWAY,
            CosellService.NOTIFICATION_SERVICE);
    static final String DEALS = CosellService.DEAL_SERVICE.name();
    static final String REFERRALS = CosellService.REFERRAL_SERVICE.name();
    static final String NOTIFICATIONS = CosellService.NOTIFICATION_SERVICE.name();
    static final String SCHEDULER = CosellService.EXPIRY_SCHEDULER.name();
    static final String SECOND_SCHEDULER = "expiry-scheduler-2";
    static final String SECOND_DEALS = "deal-service-2";
    static final String SECOND_REFERRALS = "referral-service-2";
    static final String SECOND_NOTIFICATIONS = "notification-service-2";

    /** The second replicas, each with the service whose jar it runs; started only by the cases that use them. */
    private static final Map<CosellService, CosellService> SECOND_REPLICAS = Map.of(
            new CosellService(SECOND_SCHEDULER, 8086, 9086), CosellService.EXPIRY_SCHEDULER,
            new CosellService(SECOND_DEALS, 8087, 9087), CosellService.DEAL_SERVICE,
            new CosellService(SECOND_REFERRALS, 8088, 9088), CosellService.REFERRAL_SERVICE,
            new CosellService(SECOND_NOTIFICATIONS, 8089, 9089), CosellService.NOTIFICATION_SERVICE);
    private static final List<CosellService> SERVICES = CosellService.BACKEND;
    private static final Duration INFRASTRUCTURE_READY_WITHIN = Duration.ofSeconds(90);
    private static final Duration INFRASTRUCTURE_STOP_GRACE = Duration.ofSeconds(20);

    private final Path root;
    private Path suiteJar;
    private final Path data;
    private final Path logs;
    private final Map<String, ServiceNode> services = new LinkedHashMap<>();
    private final TokenForge forge = new TokenForge("cosell-faults-idp");
    private final MailCatcher mail = new MailCatcher();
    private ChildProcess broker;
    private ChildProcess database;
    private TrustedKeys trustedKeys;
    private Path jars;
    private String responseWindow;
    private boolean rateLimited;
    private EventLog events;
    private Upstream upstream;
    private Database db;
    private Admin admin;
    private final Api api = new Api();

    Stack(Path root, Path suiteJar) {
        this.root = root;
        this.suiteJar = suiteJar;
        this.data = root.resolve("faults/target/fault-run");
        this.logs = root.resolve("faults/target/fault-logs");
    }

    /** The suite's own jar, which also runs the broker, the database and a case's separate clients. */
    Path suiteJar() {
        return suiteJar;
    }

    void start() throws Exception {
        requireFreePorts();
        for (CosellService service : SERVICES) {
            Path jar = service.jar(root);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("Missing " + jar + ": run ./mvnw -q -DskipTests package first");
            }
        }
        deleteRecursively(data);
        deleteRecursively(logs);
        Files.createDirectories(logs);
        jars = snapshotJars();
        mail.start();
        boot();
    }

    /**
     * Starts the broker and the database on empty data, creates the topics, connects the suite's
     * clients, then starts the five services and waits until each is ready.
     */
    private void boot() throws Exception {
        Instant started = Instant.now();
        Map<String, String> inherited = ServiceEnvironment.withoutStackVariables(System.getenv());
        Path workingDirectory = Path.of("").toAbsolutePath();
        database = new ChildProcess("database", JavaCommand.of(List.of("-Xmx768m"), suiteJar, "database",
                data.resolve("mongo").toString()), inherited, workingDirectory, ProcessOutput.appendedTo(logs.resolve("database.log")));
        broker = new ChildProcess("broker", JavaCommand.of(List.of("-Xmx512m"), suiteJar, "broker",
                data.resolve("kafka").toString()), inherited, workingDirectory, ProcessOutput.appendedTo(logs.resolve("broker.log")));
        database.start();
        broker.start();
        db = new Database(EmbeddedMongo.URI);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.BOOTSTRAP_SERVERS,
                AdminClientConfig.CLIENT_ID_CONFIG, "cosell-faults-admin"));
        awaitDatabase();
        awaitBroker();
        CosellTopics.createAll(admin);
        events = new EventLog(KafkaBroker.BOOTSTRAP_SERVERS);
        upstream = new Upstream(KafkaBroker.BOOTSTRAP_SERVERS);
        trustedKeys = new TrustedKeys(DevIssuer.KEY_SET_URI, forge.publicJwk());
        Progress.say("infrastructure up in %.1f s (broker, database with H2 files, SMTP on %d)",
                seconds(started), SmtpSink.PORT);

        // the services trust the suite's forged-token key beside the gateway's, under the dev issuer's name
        Map<String, String> given = new HashMap<>(inherited);
        given.put("JWT_JWK_SET_URI", trustedKeys.uri());
        given.put("JWT_ISSUER_URI", DevIssuer.ISSUER);
        services.clear();
        for (CosellService service : SERVICES) {
            List<String> jvm = AS_IN_PRODUCTION.contains(service) ? JavaCommand.PRODUCTION : JavaCommand.QUICK_START;
            services.put(service.name(), new ServiceNode(service, jars.resolve(service.name() + ".jar"), jvm, logs,
                    ServiceEnvironment.of(service, ServiceEnvironment.DEFAULT_BIND_ADDRESS, given)));
        }
        SECOND_REPLICAS.forEach((replica, of) -> services.put(replica.name(), new ServiceNode(replica,
                jars.resolve(of.name() + ".jar"), JavaCommand.QUICK_START, logs,
                ServiceEnvironment.of(replica, ServiceEnvironment.DEFAULT_BIND_ADDRESS, given))));
        service(GATEWAY).set("RATE_LIMIT_ENABLED", "false");
        rateLimited = false;
        responseWindow = null;
        started = Instant.now();
        for (ServiceNode service : services.values()) {
            if (!isSecondReplica(service)) {
                service.start();
            }
        }
        for (ServiceNode service : services.values()) {
            if (!isSecondReplica(service)) {
                service.awaitReady();
            }
        }
        Progress.say("five services ready in %.1f s; logs in %s", seconds(started), root.relativize(logs));
    }

    /**
     * Stops everything and starts it again on empty data (same jars, same mail server), so that a
     * heavy case measures the system rather than what earlier cases left in the embedded database,
     * which has no secondary indexes and scans every collection it queries.
     */
    void restartFresh() throws Exception {
        shutdown();
        deleteRecursively(data.resolve("kafka"));
        deleteRecursively(data.resolve("mongo"));
        Progress.say("  restarting the stack on empty data");
        boot();
    }

    /**
     * Copies the service jars (and this suite's own) into the run's directory and runs those copies:
     * a rebuild of a module while the suite runs must not swap classes under a running service or
     * change the service a case restarts.
     */
    private Path snapshotJars() throws IOException {
        Path jars = data.resolve("jars");
        Files.createDirectories(jars);
        for (CosellService service : SERVICES) {
            Files.copy(service.jar(root), jars.resolve(service.name() + ".jar"));
        }
        Path suiteCopy = jars.resolve("cosell-faults.jar");
        Files.copy(suiteJar, suiteCopy);
        suiteJar = suiteCopy;
        return jars;
    }

    private static void requireFreePorts() {
        List<CosellService> services = new ArrayList<>(SERVICES);
        services.addAll(SECOND_REPLICAS.keySet());
        List<RequiredPort> taken = RequiredPort.taken(RequiredPort.forStack(services, true));
        if (!taken.isEmpty()) {
            throw new IllegalStateException("Ports in use: " + String.join(", ",
                    taken.stream().map(port -> port.port() + " (" + port.neededBy() + ")").toList())
                    + ". Another Cosell stack is running (lsof -i :<port> shows who); stop it first.");
        }
    }

    void awaitDatabase() throws InterruptedException {
        Instant deadline = Instant.now().plus(INFRASTRUCTURE_READY_WITHIN);
        while (!db.ping()) {
            if (!database.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("database not up; see " + database.output().whereToLook());
            }
            Thread.sleep(200);
        }
    }

    void awaitBroker() throws Exception {
        Instant deadline = Instant.now().plus(INFRASTRUCTURE_READY_WITHIN);
        while (true) {
            try {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                if (!broker.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("broker not up; see " + broker.output().whereToLook(), notYet);
                }
                Thread.sleep(300);
            }
        }
    }

    void stopBroker() {
        broker.stop(INFRASTRUCTURE_STOP_GRACE);
    }

    void startBroker() throws Exception {
        broker.start();
        awaitBroker();
        CosellTopics.awaitLeaders(admin);
    }

    void stopDatabase() {
        database.stop(INFRASTRUCTURE_STOP_GRACE);
    }

    void startDatabase() throws Exception {
        database.start();
        awaitDatabase();
    }

    /**
     * After a case: whatever it left stopped (a case that failed half-way) is started again, and the
     * second replicas are stopped, so the next case finds the stack as the first one did.
     */
    void ensureRunning() throws Exception {
        if (!database.isAlive()) {
            Progress.say("  (restarting the database a case left stopped)");
            startDatabase();
        }
        if (!broker.isAlive()) {
            Progress.say("  (restarting the broker a case left stopped)");
            startBroker();
        }
        if (!mail.isRunning()) {
            mail.start();
        }
        services.values().stream().filter(Stack::isSecondReplica).forEach(ServiceNode::stop);
        for (ServiceNode service : services.values()) {
            if (!isSecondReplica(service) && !service.isAlive()) {
                Progress.say("  (restarting %s, which a case left stopped)", service.name());
                service.start();
                service.awaitReady();
            }
        }
    }

    /** Restarts referral-service with another response window if it runs with a different one. */
    void useResponseWindow(String window) throws Exception {
        if (Objects.equals(window, responseWindow)) {
            return;
        }
        ServiceNode referrals = service(REFERRALS);
        referrals.set("REFERRAL_RESPONSE_WINDOW", window);
        referrals.restart();
        responseWindow = window;
        Progress.say("  referral-service restarted with REFERRAL_RESPONSE_WINDOW=%s", window == null ? "(default P14D)" : window);
    }

    /** Restarts the gateway with its rate limiter on (as shipped) or off, if it runs otherwise. */
    void useRateLimits(boolean on) throws Exception {
        if (on == rateLimited) {
            return;
        }
        ServiceNode gateway = service(GATEWAY);
        gateway.set("RATE_LIMIT_ENABLED", String.valueOf(on));
        gateway.restart();
        rateLimited = on;
        Progress.say("  gateway restarted with its rate limiter %s", on ? "on, as shipped" : "off");
    }

    /** Keeps the stack trace of a case that could not finish in {@code fault-logs/suite.log}. */
    void logFailure(String caseName, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        try {
            Files.writeString(logs.resolve("suite.log"), caseName + ": " + trace + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            Progress.say("  (could not write suite.log: %s)", e);
        }
    }

    private static boolean isSecondReplica(ServiceNode service) {
        return SECOND_REPLICAS.keySet().stream().anyMatch(replica -> replica.name().equals(service.name()));
    }

    ServiceNode service(String name) {
        return services.get(name);
    }

    MailCatcher mail() {
        return mail;
    }

    EventLog events() {
        return events;
    }

    Upstream upstream() {
        return upstream;
    }

    Database db() {
        return db;
    }

    Admin admin() {
        return admin;
    }

    Api api() {
        return api;
    }

    TokenForge forge() {
        return forge;
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    /** Stops everything this stack started, services first, and leaves every port free. */
    @Override
    public void close() {
        shutdown();
        quietly(mail::close);
    }

    private void shutdown() {
        List<ServiceNode> reversed = new ArrayList<>(services.values());
        Collections.reverse(reversed);
        reversed.parallelStream().forEach(ServiceNode::stop);
        quietly(() -> events.close());
        quietly(() -> upstream.close());
        quietly(() -> admin.close(Duration.ofSeconds(2)));
        quietly(() -> db.close());
        quietly(() -> trustedKeys.close());
        if (broker != null) {
            broker.stop(INFRASTRUCTURE_STOP_GRACE);
        }
        if (database != null) {
            database.stop(INFRASTRUCTURE_STOP_GRACE);
        }
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException alreadyGone) {
            // closing what may never have been opened
        }
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
