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
 *
 * @param host     where the services listen, as {@link ReadinessProbe#ask} takes it
 * @param timeout  how long every service together may take
 * @param stopping whether to give up at once, the caller being stopped
 */
public record ReadinessWait(String host, Duration timeout, BooleanSupplier stopping) {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    public void await(Map<CosellService, ChildProcess> running, Consumer<CosellService> onReady)
            throws StackException, InterruptedException {
        ReadinessProbe probe = new ReadinessProbe();
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
