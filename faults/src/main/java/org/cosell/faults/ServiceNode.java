package org.cosell.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One service jar run as a child process the way the local launcher runs it (same JVM options, on
 * 127.0.0.1), on its port and its management port (where alone it serves actuator), with the docs/running.md
 * environment plus whatever a case sets for its next start.
 */
final class ServiceNode {

    /** The launcher's quick start: small heaps and a quick JIT, so that the whole stack starts on two cores. */
    static final List<String> QUICK_START_JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    /** As the container image runs a service: the optimizing JIT compiler and the default collector. */
    static final List<String> PRODUCTION_JVM = List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError");
    private static final Duration READY_WITHIN = Duration.ofSeconds(180);
    private static final String LOOPBACK = "127.0.0.1";

    private final String name;
    private final int port;
    private final int managementPort;
    private final Path jar;
    private final List<String> jvmOptions;
    private final Path logs;
    private final Map<String, String> environment;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ChildProcess process;

    ServiceNode(String name, int port, int managementPort, Path jar, Path logs, Map<String, String> environment) {
        this(name, port, managementPort, jar, QUICK_START_JVM, logs, environment);
    }

    ServiceNode(String name, int port, int managementPort, Path jar, List<String> jvmOptions, Path logs,
                Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logs = logs;
        this.environment = new HashMap<>(environment);
        this.environment.put("SERVER_PORT", String.valueOf(port));
        this.environment.put("MANAGEMENT_PORT", String.valueOf(managementPort));
        this.environment.put("SERVER_ADDRESS", LOOPBACK);
        this.environment.put("MANAGEMENT_SERVER_ADDRESS", LOOPBACK);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Where actuator answers: health, metrics. */
    String managementUrl() {
        return "http://" + LOOPBACK + ":" + managementPort;
    }

    /** Sets (or, with {@code null}, removes) an environment variable for the next start. */
    void set(String variable, String value) {
        if (value == null) {
            environment.remove(variable);
        } else {
            environment.put(variable, value);
        }
    }

    void start() throws IOException {
        process = new ChildProcess(name, ChildProcess.java(jvmOptions, jar), environment, logs.resolve(name + ".log"));
        process.start();
    }

    void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited before it was ready; see " + process.log());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create(managementUrl() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notYet) {
                last = notYet.getClass().getSimpleName();
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " not ready within " + READY_WITHIN.toSeconds() + " s: " + last);
    }

    void restart() throws IOException, InterruptedException {
        stop();
        start();
        awaitReady();
    }

    /** SIGTERM: the service shuts down gracefully. */
    void stop() {
        if (process != null) {
            process.stop();
        }
    }

    /** SIGKILL ({@code ProcessHandle.destroyForcibly}). */
    void kill() {
        if (process != null) {
            process.kill();
        }
    }

    void pause() throws IOException, InterruptedException {
        process.pause();
    }

    void resume() throws IOException, InterruptedException {
        process.resume();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }
}
