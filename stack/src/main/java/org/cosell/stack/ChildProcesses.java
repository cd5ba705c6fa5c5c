package org.cosell.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes a stack started, to stop together. Stopping asks every one to terminate at once (SIGTERM,
 * so Spring shuts down gracefully), waits up to a grace period, then kills whatever is left of them and
 * of the processes they started. A process added after stopping began is stopped right away.
 */
public final class ChildProcesses {

    private static final Logger log = LoggerFactory.getLogger(ChildProcesses.class);

    private final Duration grace;
    private final List<ChildProcess> started = new ArrayList<>();
    private boolean stopped;

    public ChildProcesses(Duration grace) {
        this.grace = grace;
    }

    /** Keeps {@code process} to stop later; answers false, having stopped it, if stopping has begun. */
    public boolean add(ChildProcess process) {
        synchronized (this) {
            if (!stopped) {
                started.add(process);
                return true;
            }
        }
        stop(List.of(process), grace);
        return false;
    }

    /** Stops every process added so far; answers whether there were any. */
    public boolean stopAll() {
        List<ChildProcess> toStop;
        synchronized (this) {
            stopped = true;
            toStop = List.copyOf(started);
        }
        stop(toStop, grace);
        return !toStop.isEmpty();
    }

    static void stop(List<ChildProcess> processes, Duration grace) {
        Set<ProcessHandle> family = new LinkedHashSet<>();
        for (ChildProcess process : processes) {
            family.add(process.handle());
            process.handle().descendants().forEach(family::add);
        }
        // through the handle: Process.destroy() would also close the pipe that still carries the last lines
        processes.forEach(process -> process.handle().destroy());
        awaitExit(processes.stream().map(ChildProcess::handle).toList(), grace);
        for (ChildProcess process : processes) {
            if (process.isAlive()) {
                log.warn("{} did not stop within {} s; killing it", process.name(), grace.toSeconds());
                process.handle().descendants().forEach(family::add);
            }
        }
        family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(family, ChildProcess.KILL_WAIT);
    }

    private static void awaitExit(Collection<ProcessHandle> processes, Duration timeout) {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.debug("Not every process exited within {}", timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
