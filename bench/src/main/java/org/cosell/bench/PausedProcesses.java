package org.cosell.bench;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Processes of the stack stopped with SIGSTOP and continued with SIGCONT on {@link #close()}: they keep their
 * state, connections and consumer offsets and simply catch up afterwards. Linux and macOS only, like the stack's
 * process names.
 */
final class PausedProcesses implements AutoCloseable {

    private final List<StackProcess.NamedProcess> processes;
    private final Consumer<String> progress;

    private PausedProcesses(List<StackProcess.NamedProcess> processes, Consumer<String> progress) {
        this.processes = processes;
        this.progress = progress;
    }

    static PausedProcesses pause(StackProcess stack, List<String> names, Consumer<String> progress)
            throws IOException, InterruptedException {
        List<StackProcess.NamedProcess> paused = stack.processes().stream()
                .filter(process -> names.contains(process.name()))
                .toList();
        if (paused.size() != names.size()) {
            throw new IllegalStateException("Expected processes " + names + ", found "
                    + paused.stream().map(StackProcess.NamedProcess::name).toList());
        }
        signal("STOP", paused);
        progress.accept("paused " + String.join(", ", names));
        return new PausedProcesses(paused, progress);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        signal("CONT", processes);
        progress.accept("resumed " + String.join(", ", processes.stream().map(StackProcess.NamedProcess::name).toList()));
    }

    private static void signal(String signal, List<StackProcess.NamedProcess> processes)
            throws IOException, InterruptedException {
        for (StackProcess.NamedProcess process : processes) {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.handle().pid()))
                    .redirectErrorStream(true).start();
            if (kill.waitFor() != 0) {
                throw new IOException("kill -" + signal + " " + process.name() + " failed: "
                        + new String(kill.getInputStream().readAllBytes()).trim());
            }
        }
    }
}
