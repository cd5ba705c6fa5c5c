package org.cosell.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cosell.stack.JavaCommand;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The footprint benchmark measures the stack as the README tells a developer to start it, so the two say the same. */
class LauncherCommandTest {

    @ParameterizedTest
    @ValueSource(strings = { "README.md", "docs/running.md" })
    void theDocumentedCommandGivesTheLauncherTheOptionsTheBenchmarkMeasures(String document) throws IOException {
        String command = "java " + String.join(" ", JavaCommand.LAUNCHER) + " -jar local/target/cosell-local.jar";

        assertThat(Files.readString(Path.of("..").resolve(document))).contains(command);
    }
}
