package org.cosell.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadinessWaitTest {

    private static final String LOOPBACK = ServiceEnvironment.DEFAULT_BIND_ADDRESS;

    private final Map<CosellService, ChildProcess> running = new LinkedHashMap<>();
    private final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopFakes() {
        running.values().forEach(service -> service.handle().destroyForcibly());
    }

    @Test
    void returnsOnceEveryServiceIsReady() throws Exception {
        start("gateway", Map.of());
        start("deal-service", Map.of());
        List<CosellService> ready = new ArrayList<>();

        new ReadinessWait(LOOPBACK, Duration.ofSeconds(60), () -> false).await(running, ready::add);

        assertThat(ready).containsExactlyInAnyOrderElementsOf(running.keySet());
    }

    @Test
    void namesTheServiceThatExitsBeforeItIsReady() throws Exception {
        int port = FakeService.freePort();
        start("referral-service", port, Map.of("FAKE_SERVICE_FAIL_PORT", String.valueOf(port)));

        assertThatThrownBy(() -> new ReadinessWait(LOOPBACK, Duration.ofSeconds(60), () -> false).await(running, service -> { }))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("referral-service exited with code 3 before it was ready");
    }

    @Test
    void namesTheServiceThatIsNotReadyInTimeWithWhatItLastAnswered() throws Exception {
        start("gateway", Map.of());
        int port = FakeService.freePort();
        CosellService notReady = start("notification-service", port, Map.of("FAKE_SERVICE_NOT_READY_PORT", String.valueOf(port)));
        ReadinessProbe probe = new ReadinessProbe();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> probe.ask(LOOPBACK, notReady.managementPort()).answer().startsWith("503"));

        assertThatThrownBy(() -> new ReadinessWait(LOOPBACK, Duration.ofSeconds(1), () -> false).await(running, service -> { }))
                .isInstanceOf(StackException.class)
                .hasMessage("Not ready within 1 s: notification-service (last answer on /actuator/health/readiness: "
                        + "503 {\"status\":\"OUT_OF_SERVICE\"})");
    }

    private void start(String name, Map<String, String> environment) throws IOException {
        start(name, FakeService.freePort(), environment);
    }

    @Test
    void asksOnTheManagementPortNotTheApiPort() throws Exception {
        int port = FakeService.freePort();
        CosellService service = new CosellService("deal-service", port, FakeService.freePort());
        Map<String, String> environment = new java.util.HashMap<>();
        environment.put("MANAGEMENT_PORT", String.valueOf(service.managementPort()));
        running.put(service, FakeService.launch(service.name(), port, environment, output::add));
        ReadinessProbe probe = new ReadinessProbe();

        new ReadinessWait(LOOPBACK, Duration.ofSeconds(60), () -> false).await(running, ready -> { });

        assertThat(probe.ask(LOOPBACK, service.managementPort()).ready()).isTrue();
        assertThat(probe.ask(LOOPBACK, port).answer()).startsWith("404");
    }

    private CosellService start(String name, int port, Map<String, String> environment) throws IOException {
        CosellService service = new CosellService(name, port, FakeService.freePort());
        Map<String, String> withManagementPort = new java.util.HashMap<>(environment);
        withManagementPort.put("MANAGEMENT_PORT", String.valueOf(service.managementPort()));
        running.put(service, FakeService.launch(name, port, withManagementPort, output::add));
        return service;
    }
}
