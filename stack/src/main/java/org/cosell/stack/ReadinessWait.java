package org.cosell.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Waits until every started service answers its readiness check on its management port (only there
 * does a service serve actuator). Fails as soon as one exits, or
 * when the time is up, naming the service and, for one not ready, what it last answered.
 */
public final class ReadinessWait {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final ReadinessProbe probe = new ReadinessProbe();
    private final String host;
    private final Duration timeout;
    private final BooleanSupplier stopping;

    /** @param host where the services listen, as {@link ReadinessProbe#ask} takes it */
    public ReadinessWait(String host, Duration timeout, BooleanSupplier stopping) {
        this.host = host;
        this.timeout = timeout;
        this.stopping = stopping;
    }

    public void await(Map<CosellService, ChildProcess> running, Consumer<CosellService> onReady)
            throws StackException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Map<CosellService, ChildProcess> pending = new LinkedHashMap<>(running);
        Map<CosellService, String> lastAnswers = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            for (var entry : List.copyOf(pending.entrySet())) {
                CosellService service = entry.getKey();
                ChildProcess process = entry.getValue();
                if (!process.isAlive()) {
                    throw new StackException(service.name() + " exited with code " + process.exitValue()
                            + " before it was ready; see " + process.output().whereToLook());
                }
                ReadinessProbe.Answer answer = probe.ask(host, service.managementPort());
                if (answer.ready()) {
                    pending.remove(service);
                    onReady.accept(service);
                } else {
                    lastAnswers.put(service, answer.answer());
                }
            }
            if (stopping.getAsBoolean()) {
                throw new StackException("Stopped while waiting for the services");
            }
            if (!pending.isEmpty() && Instant.now().isAfter(deadline)) {
                throw new StackException("Not ready within " + timeout.toSeconds() + " s: " + String.join("; ",
                        pending.keySet().stream().map(service -> service.name() + " (last answer on "
                                + ReadinessProbe.PATH + ": " + lastAnswers.get(service) + ")").toList()));
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }
}
