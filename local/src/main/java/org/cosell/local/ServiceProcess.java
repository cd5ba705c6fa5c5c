package org.cosell.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A service running as a child process. Every line it writes, to stdout or stderr, is passed on
 * with the service name in front ({@code [deal-service] ...}).
 */
final class ServiceProcess {

    private final String name;
    private final Process process;

    private ServiceProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    static ServiceProcess start(String name, List<String> command, Map<String, String> environment,
                                Path workingDirectory, Consumer<String> output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        Thread pump = new Thread(() -> pipe(process, "[" + name + "] ", output), name + "-output");
        pump.setDaemon(true);
        pump.start();
        return new ServiceProcess(name, process);
    }

    private static void pipe(Process process, String prefix, Consumer<String> output) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.accept(prefix + line);
            }
        } catch (IOException e) {
            output.accept(prefix + "(output closed: " + e.getMessage() + ")");
        }
    }

    String name() {
        return name;
    }

    Process process() {
        return process;
    }

    boolean isAlive() {
        return process.isAlive();
    }
}
