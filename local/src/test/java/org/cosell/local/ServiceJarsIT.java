package org.cosell.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cosell.stack.CosellService;
import org.junit.jupiter.api.Test;

/**
 * After {@code package}, every jar the images copy and the launcher runs exists. The reactor builds
 * {@code local} after the service modules, so a missing jar means a service module does not build
 * {@code <module>/target/<module>.jar}; it is reported, never skipped.
 */
class ServiceJarsIT {

    @Test
    void everyJarTheImagesAndTheLauncherNeedIsBuilt() throws IOException {
        ComposeFile compose = ComposeFile.load();
        List<Path> missing = new ArrayList<>();
        for (CosellService service : CosellService.ALL) {
            Path jar = compose.imageJar(service.name());
            assertThat(jar).as("the jar the image of %s copies is the one the launcher runs", service.name())
                    .isEqualTo(service.jar(ComposeFile.REPOSITORY_ROOT));
            if (!jar.toFile().isFile()) {
                missing.add(ComposeFile.REPOSITORY_ROOT.relativize(jar));
            }
        }

        assertThat(missing)
                .as("service jars missing after package: %s%nEach service module must build <module>/target/<module>.jar"
                        + " (spring-boot-maven-plugin repackage, <finalName>${project.artifactId}</finalName>);"
                        + " build them from the repository root with ./mvnw -q -DskipTests package", missing)
                .isEmpty();
    }
}
