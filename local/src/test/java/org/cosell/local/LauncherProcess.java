package org.cosell.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged launcher run as its own process, the way a user runs it, with every line it prints
 * kept for assertions (a failed assertion on the output shows all of it).
 */
final class LauncherProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "cosell-local.jar").toAbsolutePath();

    /** docs/running.md variables that would change what the launcher does, left out unless a test sets them. */
    private static final List<String> COSELL_VARIABLES = List.of("SMTP_HOST", "SMTP_PORT", "DEV_AUTH_ENABLED",
            "JWT_ISSUER_URI", "JWT_JWK_SET_URI", "KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI", "SERVER_PORT");

    private final Process process;
    private final Path temporaryDirectory;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private LauncherProcess(Process process, Path temporaryDirectory) {
        this.process = process;
        this.temporaryDirectory = temporaryDirectory;
        Thread pump = new Thread(this::collectOutput, "launcher-output");
        pump.setDaemon(true);
        pump.start();
    }

    static LauncherProcess start(Path jar, Path workingDirectory, Map<String, String> environment, String... arguments)
            throws IOException {
        assertThat(jar).as("the launcher jar (built by `package`, before failsafe runs)").isRegularFile();
        Path temporaryDirectory = Files.createTempDirectory("cosell-launcher-tmp-");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + temporaryDirectory, "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        COSELL_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        return new LauncherProcess(builder.start(), temporaryDirectory);
    }

    static LauncherProcess start(Path workingDirectory, String... arguments) throws IOException {
        return start(JAR, workingDirectory, Map.of(), arguments);
    }

    private void collectOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("(output closed: " + e.getMessage() + ")");
        }
    }

    List<String> output() {
        return List.copyOf(output);
    }

    String outputText() {
        return String.join("\n", output);
    }

    void awaitOutput(String expected, Duration timeout) {
        await().atMost(timeout).untilAsserted(() -> {
            assertThat(process.isAlive() || outputText().contains(expected))
                    .as("launcher exited before printing \"%s\":%n%s", expected, outputText()).isTrue();
            assertThat(outputText()).contains(expected);
        });
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("launcher exited within %s; its output:%n%s", timeout, outputText()).isTrue();
        return process.exitValue();
    }

    /**
     * Ctrl-C, as far as the JVM is concerned: SIGTERM runs the same shutdown hook. Sent through the
     * handle, since {@link Process#destroy()} would also close the pipe that carries the last lines.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /** What the launcher left in its own temporary directory ({@code java.io.tmpdir}). */
    List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(temporaryDirectory)) {
            return files.toList();
        }
    }

    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        try (Stream<Path> paths = Files.walk(temporaryDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
