package org.cosell.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RepositoryRootTest {

    private static final Path WORKING_DIRECTORY = Path.of("/somewhere/else");

    @Test
    void isThreeLevelsAboveTheLauncherJar() {
        assertThat(RepositoryRoot.locate("/work/cosell/local/target/cosell-local.jar", WORKING_DIRECTORY))
                .isEqualTo(Path.of("/work/cosell"));
    }

    @Test
    void isTheWorkingDirectoryWhenTheJarWasMoved() {
        assertThat(RepositoryRoot.locate("/opt/cosell-local.jar", WORKING_DIRECTORY)).isEqualTo(WORKING_DIRECTORY);
    }

    @Test
    void isTheWorkingDirectoryWhenNotRunFromAJar() {
        assertThat(RepositoryRoot.locate("/a/classes" + File.pathSeparator + "/b/x.jar", WORKING_DIRECTORY))
                .isEqualTo(WORKING_DIRECTORY);
        assertThat(RepositoryRoot.locate("", WORKING_DIRECTORY)).isEqualTo(WORKING_DIRECTORY);
    }
}
