package org.cosell.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cosell.stack.ChildProcess;
import org.cosell.stack.CosellService;
import org.cosell.stack.JavaCommand;
import org.cosell.stack.ProcessOutput;
import org.cosell.stack.ReadinessWait;
import org.cosell.stack.ServiceEnvironment;
import org.cosell.stack.StackException;

/**
 * One service jar run as a child process the way the local launcher runs it (same JVM options, on
 * 127.0.0.1), on its port and its management port (where alone it serves actuator), with the stack's
 * environment plus whatever a case sets for its next start. Its output goes to {@code <name>.log}.
 */
final class ServiceNode {

    private static final Duration READY_WITHIN = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String FLIGHT_RECORDING_SETTINGS = "faults.jfr";
    private static final String LOOPBACK = ServiceEnvironment.DEFAULT_BIND_ADDRESS;

    private final CosellService service;
    private final Path jar;
    private final List<String> jvmOptions;
    private final Path logs;
    private final Map<String, String> environment;
    private ChildProcess process;

    ServiceNode(CosellService service, Path jar, List<String> jvmOptions, Path logs, Map<String, String> environment) {
        this.service = service;
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logs = logs;
        this.environment = new HashMap<>(environment);
    }

    String name() {
        return service.name();
    }

    /** Where actuator answers: health, metrics. */
    String managementUrl() {
        return "http://" + LOOPBACK + ":" + service.managementPort();
    }

    /** The CPU time its JVM has used so far; zero while it is not running. */
    Duration cpuTime() {
        return process == null ? Duration.ZERO : process.handle().info().totalCpuDuration().orElse(Duration.ZERO);
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
        process = new ChildProcess(name(), JavaCommand.of(withFlightRecording(), jar), environment,
                Path.of("").toAbsolutePath(), ProcessOutput.appendedTo(logs.resolve(name() + ".log")));
        process.start();
    }

    /**
     * With {@code -Dfaults.jfr=<settings>} ({@code profile}, or a {@code .jfc} file) every start of the
     * service is recorded by Java Flight Recorder into {@code <name>-<start millis>.jfr} beside its log:
     * where a case's CPU went, per service.
     */
    private List<String> withFlightRecording() {
        String settings = System.getProperty(FLIGHT_RECORDING_SETTINGS);
        if (settings == null) {
            return jvmOptions;
        }
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-XX:StartFlightRecording=settings=" + settings + ",filename="
                + logs.toAbsolutePath().resolve(name() + "-" + System.currentTimeMillis() + ".jfr"));
        return options;
    }

    void awaitReady() throws InterruptedException {
        awaitReady(READY_WITHIN);
    }

    /** For a case that starts several JVMs while the stack is under load, which may take longer than usual. */
    void awaitReady(Duration within) throws InterruptedException {
        try {
            new ReadinessWait(LOOPBACK, within, () -> false).await(Map.of(service, process), ready -> { });
        } catch (StackException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    void restart() throws IOException, InterruptedException {
        stop();
        start();
        awaitReady();
    }

    /** SIGTERM: the service shuts down gracefully. */
    void stop() {
        if (process != null) {
            process.stop(STOP_GRACE);
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
