package org.cosell.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    private final List<String> output = new CopyOnWriteArrayList<>();
    private final List<ChildProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (ChildProcess service : started) {
            service.handle().descendants().forEach(ProcessHandle::destroyForcibly);
            service.handle().destroyForcibly();
        }
    }

    @Test
    void prefixesEveryLineOfStdoutAndStderrWithTheServiceName() throws IOException {
        start("deal-service", FakeService.freePort());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(output)
                .anyMatch(line -> line.startsWith("[deal-service] env SERVER_PORT="))
                .contains("[deal-service] a line on stderr"));
    }

    @Test
    void probeSeesTheServiceReady() throws IOException {
        int managementPort = FakeService.freePort();
        ChildProcess service = FakeService.launch("gateway", FakeService.freePort(),
                Map.of("MANAGEMENT_PORT", String.valueOf(managementPort)), output::add);
        started.add(service);
        ReadinessProbe probe = new ReadinessProbe();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> probe.ask(ServiceEnvironment.DEFAULT_BIND_ADDRESS, managementPort).ready());
    }

    @Test
    void stopKillsAServiceThatIgnoresSigtermAndTheProcessesItStarted() throws IOException {
        ChildProcess service = start("expiry-scheduler", FakeService.freePort(), "--ignore-sigterm", "--spawn-child");
        await().atMost(Duration.ofSeconds(20)).until(() -> childPid().isPresent());
        ProcessHandle child = ProcessHandle.of(childPid().orElseThrow()).orElseThrow();
        ChildProcesses services = new ChildProcesses(Duration.ofSeconds(1));
        services.add(service);

        services.stopAll();

        assertThat(service.isAlive()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> !child.isAlive());
    }

    @Test
    void aServiceAddedAfterStopIsStoppedAtOnce() throws IOException {
        ChildProcesses services = new ChildProcesses(Duration.ofSeconds(5));
        services.stopAll();
        ChildProcess late = start("notification-service", FakeService.freePort());

        assertThat(services.add(late)).isFalse();
        assertThat(late.isAlive()).isFalse();
    }

    @Test
    void writesToItsLogFileAcrossRestartsAndCanBeKilledAtOnce(@TempDir Path logs) throws Exception {
        Path log = logs.resolve("deal-service.log");
        int port = FakeService.freePort();
        ChildProcess service = new ChildProcess("deal-service", FakeService.command("--ignore-sigterm"),
                Map.of("SERVER_PORT", String.valueOf(port), "PATH", System.getenv("PATH")), Path.of("").toAbsolutePath(),
                ProcessOutput.appendedTo(log));
        service.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(log) && Files.readString(log).contains("listening on"));

        service.kill();
        assertThat(service.isAlive()).isFalse();
        service.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(log).split("listening on", -1).length == 3);
            assertThat(Files.readString(log)).contains("a line on stderr");
            assertThat(service.output().whereToLook()).isEqualTo(log.toString());
        } finally {
            service.kill();
        }
    }

    private ChildProcess start(String name, int port, String... arguments) throws IOException {
        ChildProcess service = FakeService.launch(name, port, Map.of(), output::add, arguments);
        started.add(service);
        return service;
    }

    private Optional<Long> childPid() {
        return output.stream()
                .filter(line -> line.contains("child pid="))
                .map(line -> Long.parseLong(line.substring(line.indexOf("child pid=") + "child pid=".length()).trim()))
                .findFirst();
    }
}
