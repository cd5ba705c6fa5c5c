package org.cosell.faults;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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

/**
 * The real system, assembled piece by piece so that each piece can be stopped, killed and started
 * again on its own: the broker and the database as child processes (data on disk under
 * {@code faults/target/fault-run}), the SMTP server inside the suite, and every service jar as a
 * child process on its docs/running.md port and its management port (9080-9084), on 127.0.0.1 only. A second
 * expiry-scheduler replica (port 8086, management 9086) is ready to start.
 */
final class Stack implements AutoCloseable {

    static final String GATEWAY = "gateway";
    static final String DEALS = "deal-service";
    static final String REFERRALS = "referral-service";
    static final String NOTIFICATIONS = "notification-service";
    static final String SCHEDULER = "expiry-scheduler";
    static final String SECOND_SCHEDULER = "expiry-scheduler-2";

    /** Every fixed port the stack needs, with who needs it. */
    static final Map<Integer, String> PORTS = ports();

    private static final Duration INFRASTRUCTURE_READY_WITHIN = Duration.ofSeconds(90);
    private static final List<String> COSELL_VARIABLES = List.of("SMTP_HOST", "SMTP_PORT", "DEV_AUTH_ENABLED",
            "JWT_ISSUER_URI", "JWT_JWK_SET_URI", "KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI", "SERVER_PORT",
            "MANAGEMENT_PORT", "SERVER_ADDRESS", "MANAGEMENT_SERVER_ADDRESS", "COSELL_LOCAL_MODE",
            "REFERRAL_RESPONSE_WINDOW", "ENGAGEMENT_RESPONSE_WINDOW", "EXPIRY_REMINDER_BEFORE", "JAVA_TOOL_OPTIONS");

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

    private static Map<Integer, String> ports() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(BrokerMain.PORT, "Kafka broker");
        ports.put(BrokerMain.CONTROLLER_PORT, "Kafka controller");
        ports.put(DatabaseMain.PORT, "MongoDB-compatible server");
        ports.put(MailCatcher.PORT, "SMTP server");
        ports.put(8080, GATEWAY);
        ports.put(8081, DEALS);
        ports.put(8082, REFERRALS);
        ports.put(8083, NOTIFICATIONS);
        ports.put(8084, SCHEDULER);
        ports.put(8086, SECOND_SCHEDULER);
        ports.put(9080, GATEWAY + " (management)");
        ports.put(9081, DEALS + " (management)");
        ports.put(9082, REFERRALS + " (management)");
        ports.put(9083, NOTIFICATIONS + " (management)");
        ports.put(9084, SCHEDULER + " (management)");
        ports.put(9086, SECOND_SCHEDULER + " (management)");
        return ports;
    }

    void start() throws Exception {
        requireFreePorts();
        for (String module : List.of(GATEWAY, DEALS, REFERRALS, NOTIFICATIONS, SCHEDULER)) {
            Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
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
        database = new ChildProcess("database", ChildProcess.java(List.of("-Xmx768m"), suiteJar, "database",
                data.resolve("mongo/cosell.mv").toString()), inheritedEnvironment(), logs.resolve("database.log"));
        broker = new ChildProcess("broker", ChildProcess.java(List.of("-Xmx512m"), suiteJar, "broker",
                data.resolve("kafka").toString()), inheritedEnvironment(), logs.resolve("broker.log"));
        database.start();
        broker.start();
        db = new Database(DatabaseMain.URI);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BrokerMain.BOOTSTRAP_SERVERS,
                AdminClientConfig.CLIENT_ID_CONFIG, "cosell-faults-admin"));
        awaitDatabase();
        awaitBroker();
        CosellTopics.createAll(admin);
        events = new EventLog(BrokerMain.BOOTSTRAP_SERVERS);
        upstream = new Upstream(BrokerMain.BOOTSTRAP_SERVERS);
        trustedKeys = new TrustedKeys(Api.GATEWAY + "/dev/jwks.json", forge.publicJwk());
        Progress.say("infrastructure up in %.1f s (broker, database with H2 files, SMTP on %d)",
                seconds(started), MailCatcher.PORT);

        Map<String, String> environment = serviceEnvironment();
        services.clear();
        // The gateway runs as in production: the rate-limit and overload cases measure its latency under
        // a burst, which the quick start's C1-only JIT and serial collector would measure instead.
        services.put(GATEWAY, new ServiceNode(GATEWAY, 8080, 9080, jars.resolve(GATEWAY + ".jar"),
                ServiceNode.PRODUCTION_JVM, logs, environment));
        service(GATEWAY).set("RATE_LIMIT_ENABLED", "false");
        rateLimited = false;
        services.put(DEALS, new ServiceNode(DEALS, 8081, 9081, jars.resolve(DEALS + ".jar"), logs, environment));
        services.put(REFERRALS, new ServiceNode(REFERRALS, 8082, 9082, jars.resolve(REFERRALS + ".jar"), logs,
                environment));
        services.put(NOTIFICATIONS, new ServiceNode(NOTIFICATIONS, 8083, 9083, jars.resolve(NOTIFICATIONS + ".jar"), logs,
                environment));
        services.put(SCHEDULER, new ServiceNode(SCHEDULER, 8084, 9084, jars.resolve(SCHEDULER + ".jar"), logs,
                environment));
        services.put(SECOND_SCHEDULER, new ServiceNode(SECOND_SCHEDULER, 8086, 9086, jars.resolve(SCHEDULER + ".jar"),
                logs, environment));
        responseWindow = null;
        started = Instant.now();
        for (ServiceNode service : services.values()) {
            if (!service.name().equals(SECOND_SCHEDULER)) {
                service.start();
            }
        }
        for (ServiceNode service : services.values()) {
            if (!service.name().equals(SECOND_SCHEDULER)) {
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
        for (String module : List.of(GATEWAY, DEALS, REFERRALS, NOTIFICATIONS, SCHEDULER)) {
            Files.copy(root.resolve(module).resolve("target").resolve(module + ".jar"), jars.resolve(module + ".jar"));
        }
        Path suiteCopy = jars.resolve("cosell-faults.jar");
        Files.copy(suiteJar, suiteCopy);
        suiteJar = suiteCopy;
        return jars;
    }

    private void requireFreePorts() {
        List<String> taken = new ArrayList<>();
        PORTS.forEach((port, who) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("localhost", port));
            } catch (IOException e) {
                taken.add(port + " (" + who + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("Ports in use: " + String.join(", ", taken)
                    + ". Another Cosell stack is running (lsof -i :<port> shows who); stop it first.");
        }
    }

    private Map<String, String> inheritedEnvironment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        COSELL_VARIABLES.forEach(environment::remove);
        return environment;
    }

    private Map<String, String> serviceEnvironment() {
        Map<String, String> environment = inheritedEnvironment();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", BrokerMain.BOOTSTRAP_SERVERS);
        environment.put("MONGODB_URI", DatabaseMain.URI);
        environment.put("SMTP_HOST", "localhost");
        environment.put("SMTP_PORT", String.valueOf(MailCatcher.PORT));
        environment.put("DEV_AUTH_ENABLED", "true");
        environment.put("COSELL_LOCAL_MODE", "true");
        environment.put("JWT_JWK_SET_URI", trustedKeys.uri());
        environment.put("JWT_ISSUER_URI", TokenForge.DEV_ISSUER);
        return environment;
    }

    void awaitDatabase() throws InterruptedException {
        Instant deadline = Instant.now().plus(INFRASTRUCTURE_READY_WITHIN);
        while (!db.ping()) {
            if (!database.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("database not up; see " + database.log());
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
                    throw new IllegalStateException("broker not up; see " + broker.log(), notYet);
                }
                Thread.sleep(300);
            }
        }
    }

    void stopBroker() {
        broker.stop();
    }

    void startBroker() throws Exception {
        broker.start();
        awaitBroker();
        CosellTopics.awaitLeaders(admin);
    }

    void stopDatabase() {
        database.stop();
    }

    void startDatabase() throws Exception {
        database.start();
        awaitDatabase();
    }

    /**
     * After a case: whatever it left stopped (a case that failed half-way) is started again, and the
     * second scheduler replica is stopped, so the next case finds the stack as the first one did.
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
        service(SECOND_SCHEDULER).stop();
        for (ServiceNode service : services.values()) {
            if (!service.name().equals(SECOND_SCHEDULER) && !service.isAlive()) {
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
            broker.stop();
        }
        if (database != null) {
            database.stop();
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
