package org.cosell.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' image, read as text (no image can be built where the tests run): layered, a numeric
 * user, a pinned base image, JVM options for a container's memory limit, and a build context of the
 * jar alone.
 */
class DockerfileTest {

    private static final Path REPOSITORY = KubernetesManifestsTest.REPOSITORY;

    @Test
    void theImageIsBuiltInLayersFromTheJarOnAPinnedBaseAndRunsAsANumericUser() throws IOException {
        String dockerfile = Files.readString(REPOSITORY.resolve("Dockerfile"));
        List<String> instructions = dockerfile.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        assertThat(instructions.stream().filter(line -> line.startsWith("FROM "))).as("a multi-stage build").hasSize(2);
        Matcher base = Pattern.compile("(?m)^ARG JAVA_IMAGE=(\\S+)$").matcher(dockerfile);
        assertThat(base.find()).as("the base image is named once").isTrue();
        assertThat(base.group(1)).as("pinned to a release (or a digest), never a moving tag like 17-jre")
                .matches("[a-z0-9./-]+:(\\d+\\.\\d+\\.\\d+[_+]\\d+[-a-z]*|[^@]*@sha256:[0-9a-f]{64})");

        assertThat(dockerfile).contains("-Djarmode=tools -jar application.jar extract --layers");
        List<String> copiedLayers = instructions.stream().filter(line -> line.startsWith("COPY --from=layers"))
                .map(line -> line.replaceAll(".*/extracted/([a-z-]+)/.*", "$1")).toList();
        assertThat(copiedLayers).as("least often changed first")
                .containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

        assertThat(instructions).filteredOn(line -> line.startsWith("USER ")).singleElement().asString()
                .matches("USER \\d+:\\d+").isNotEqualTo("USER 0:0");
        String entrypoint = instructions.stream().filter(line -> line.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        assertThat(dockerfile.substring(dockerfile.indexOf("ENTRYPOINT")))
                .contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError")
                .doesNotContain("-Xmx");
        assertThat(entrypoint).startsWith("ENTRYPOINT [\"java\"");
    }

    @Test
    void theBuildContextSendsTheJarAlone() throws IOException {
        List<String> ignored = Files.readAllLines(REPOSITORY.resolve("Dockerfile.dockerignore")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(ignored.get(0)).as("everything is left out first").isEqualTo("*");
        assertThat(ignored).contains("!target/*.jar");
    }
}
