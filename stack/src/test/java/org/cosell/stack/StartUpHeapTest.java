package org.cosell.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StartUpHeapTest {

    private final List<String> output = new CopyOnWriteArrayList<>();
    private ChildProcess grown;

    @AfterEach
    void killIt() {
        if (grown != null) {
            grown.kill();
        }
    }

    @Test
    void aQuickStartedJvmReturnsItsStartUpHeapInOneGo() throws IOException, InterruptedException {
        startGrownHeap();
        long grownTo = lastCommittedMb();
        assertThat(grownTo).isGreaterThan(60);

        assertThat(StartUpHeap.returnFrom(grown.handle(), Duration.ofSeconds(20))).isTrue();

        // 20 MB live, so at most 30 % free, where the JVM would have kept up to 70 % or shrunk by a tenth at first
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lastCommittedMb()).isLessThan(grownTo / 2));
    }

    @Test
    void theNativeHeapIsTrimmedByACommandThisJdkKnows() throws IOException, InterruptedException {
        startGrownHeap();

        assertThat(StartUpHeap.trimNativeHeap(grown.handle(), Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void aProcessThatIsGoneCannotBeTold() throws IOException, InterruptedException {
        Process exited = new ProcessBuilder(JavaCommand.java(), "-version").start();
        exited.waitFor();

        assertThat(StartUpHeap.returnFrom(exited.toHandle(), Duration.ofSeconds(20))).isFalse();
    }

    private void startGrownHeap() throws IOException {
        List<String> command = new ArrayList<>(List.of(JavaCommand.java()));
        command.addAll(JavaCommand.QUICK_START_COMMON);
        command.addAll(List.of("-Xmx192m", "-cp", System.getProperty("java.class.path"), GrownHeap.class.getName()));
        grown = new ChildProcess("grown", command, Map.of(), Path.of("."), ProcessOutput.lines("", output::add));
        grown.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> !output.isEmpty());
    }

    private long lastCommittedMb() {
        return Long.parseLong(output.get(output.size() - 1).substring("committed ".length()));
    }
}
