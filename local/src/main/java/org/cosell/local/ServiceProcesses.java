package org.cosell.local;

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
 * The services the launcher started. Stopping asks every one to terminate at once (SIGTERM, so
 * Spring shuts down gracefully), waits up to a grace period, then kills whatever is left of them
 * and of the processes they started. A service added after stopping began is stopped right away.
 */
final class ServiceProcesses {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcesses.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final Duration grace;
    private final List<ServiceProcess> started = new ArrayList<>();
    private boolean stopped;

    ServiceProcesses(Duration grace) {
        this.grace = grace;
    }

    /** Keeps {@code service} to stop later; answers false, having stopped it, if stopping has begun. */
    boolean add(ServiceProcess service) {
        synchronized (this) {
            if (!stopped) {
                started.add(service);
                return true;
            }
        }
        stop(List.of(service));
        return false;
    }

    /** Stops every service added so far; answers whether there were any. */
    boolean stopAll() {
        List<ServiceProcess> toStop;
        synchronized (this) {
            stopped = true;
            toStop = List.copyOf(started);
        }
        stop(toStop);
        return !toStop.isEmpty();
    }

    private void stop(List<ServiceProcess> services) {
        Set<ProcessHandle> family = new LinkedHashSet<>();
        for (ServiceProcess service : services) {
            family.add(service.process().toHandle());
            service.process().descendants().forEach(family::add);
        }
        // through the handle: Process.destroy() would also close the pipe that still carries the service's last lines
        services.forEach(service -> service.process().toHandle().destroy());
        awaitExit(services.stream().map(service -> service.process().toHandle()).toList(), grace);
        for (ServiceProcess service : services) {
            if (service.isAlive()) {
                log.warn("{} did not stop within {} s; killing it", service.name(), grace.toSeconds());
                service.process().descendants().forEach(family::add);
            }
        }
        family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(family, KILL_WAIT);
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
