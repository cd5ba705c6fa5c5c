package org.cosell.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A process the stack runs (a service jar, the broker, the database, the launcher itself), with exactly
 * the environment it is given, and its output going where {@link ProcessOutput} says. It can be started
 * again once it has stopped. Only this process and the ones it started are ever signalled, by their handle.
 */
public final class ChildProcess {

    static final Duration KILL_WAIT = Duration.ofSeconds(20);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final ProcessOutput output;
    private volatile Process process;

    public ChildProcess(String name, List<String> command, Map<String, String> environment, Path workingDirectory,
                        ProcessOutput output) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.output = output;
    }

    public void start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        if (output instanceof ProcessOutput.LogFile log) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()));
        }
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process started = builder.start();
        started.getOutputStream().close();
        if (output instanceof ProcessOutput.Lines lines) {
            Thread pump = new Thread(() -> pipe(started, lines), name + "-output");
            pump.setDaemon(true);
            pump.start();
        }
        process = started;
    }

    private static void pipe(Process process, ProcessOutput.Lines lines) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.consumer().accept(lines.prefix() + line);
            }
        } catch (IOException e) {
            lines.consumer().accept(lines.prefix() + "(output closed: " + e.getMessage() + ")");
        }
    }

    /**
     * SIGTERM, as an orchestrator stops a process (a Spring service shuts down gracefully); SIGKILL, to it
     * and to whatever it started, if it is still there after {@code grace}.
     */
    public void stop(Duration grace) {
        if (process != null) {
            ChildProcesses.stop(List.of(this), grace);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, nothing the process can do about it. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.toHandle().destroyForcibly();
        try {
            process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGSTOP: the process is frozen where it is (as in a long GC pause), until {@link #resume()}. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT. */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        if (isAlive()) {
            new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String name() {
        return name;
    }

    public ProcessOutput output() {
        return output;
    }

    /** The running (or last run) process; throws if it was never started. */
    public ProcessHandle handle() {
        return started().toHandle();
    }

    public CompletableFuture<Process> onExit() {
        return started().onExit();
    }

    public int exitValue() {
        return started().exitValue();
    }

    public boolean waitFor(Duration timeout) throws InterruptedException {
        return started().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Process started() {
        Process started = process;
        if (started == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return started;
    }
}
