package org.cosell.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When an extracted jar and its archive are used, and when they are made again: no JVM is started here. */
class ClassDataArchiveTest {

    private static final String RUNTIME = "/opt/jdk 17.0.15+6";
    private static final List<String> OPTIONS = List.of("-Xmx128m");

    @TempDir
    Path target;

    private Path jar;
    private Path directory;

    @BeforeEach
    void aBuiltJar() throws IOException {
        jar = Files.writeString(target.resolve("deal-service.jar"), "the runnable jar");
        directory = target.resolve("cds");
    }

    @Test
    void runsTheJarItselfUntilItIsExtracted() {
        ClassDataArchive archive = archive(RUNTIME);

        assertThat(archive.isExtracted()).isFalse();
        assertThat(archive.command(OPTIONS)).endsWith("-Xmx128m", "-jar", jar.toString());
    }

    @Test
    void runsTheExtractedJarWithoutAnArchiveUntilTrained() throws IOException {
        ClassDataArchive archive = extracted(RUNTIME);

        assertThat(archive.isExtracted()).isTrue();
        assertThat(archive.isTrained()).isFalse();
        assertThat(archive.command(OPTIONS)).endsWith("-Xmx128m", "-jar", directory.resolve("deal-service.jar").toString())
                .noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void usesTheArchiveOnceTrained() throws IOException {
        ClassDataArchive archive = extracted(RUNTIME);
        Files.writeString(directory.resolve("deal-service.jsa.new"), "archive");

        assertThat(archive.keepTrainingResult(0)).isTrue();

        assertThat(archive.isTrained()).isTrue();
        assertThat(archive.command(OPTIONS)).containsSubsequence("-Xmx128m",
                "-XX:SharedArchiveFile=" + directory.resolve("deal-service.jsa"), "-jar",
                directory.resolve("deal-service.jar").toString());
    }

    @Test
    void keepsNothingOfATrainingRunThatFailed() throws IOException {
        ClassDataArchive archive = extracted(RUNTIME);
        Files.writeString(directory.resolve("deal-service.jsa.new"), "half an archive");

        assertThat(archive.keepTrainingResult(137)).isFalse();

        assertThat(archive.isTrained()).isFalse();
        assertThat(directory.resolve("deal-service.jsa.new")).doesNotExist();
    }

    @Test
    void aRebuiltJarMakesTheExtractedFilesAndTheArchiveStale() throws IOException {
        ClassDataArchive archive = trained(RUNTIME);

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(archive.isExtracted()).isFalse();
        assertThat(archive.isTrained()).isFalse();
        assertThat(archive.command(OPTIONS)).endsWith("-jar", jar.toString());
    }

    @Test
    void anotherJavaMakesThemStale() throws IOException {
        trained(RUNTIME);

        ClassDataArchive otherJava = archive("/opt/jdk 25.0.3+9");

        assertThat(otherJava.isExtracted()).isFalse();
        assertThat(otherJava.isTrained()).isFalse();
    }

    @Test
    void theTrainingRunWritesItsOutputBesideTheArchive() throws IOException {
        ClassDataArchive archive = extracted(RUNTIME);

        ChildProcess training = archive.trainingRun(OPTIONS, java.util.Map.of(), target);

        assertThat(training.name()).isEqualTo("deal-service training run");
        assertThat(training.output().whereToLook()).isEqualTo(directory.resolve("training.log").toString());
    }

    @Test
    void aJarThatIsNoSpringBootJarIsLeftAsItIs() throws Exception {
        Path plainJar = target.resolve("plain.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.example.Main");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plainJar), manifest)) {
            out.putNextEntry(new JarEntry("org/example/Main.class"));
            out.closeEntry();
        }
        ClassDataArchive archive = new ClassDataArchive("plain", plainJar, directory, RUNTIME);

        archive.extract();

        assertThat(directory).doesNotExist();
        assertThat(archive.command(OPTIONS)).endsWith("-jar", plainJar.toString());
    }

    private ClassDataArchive archive(String runtime) {
        return new ClassDataArchive("deal-service", jar, directory, runtime);
    }

    /** As {@link ClassDataArchive#extract()} leaves it, without starting a JVM to extract. */
    private ClassDataArchive extracted(String runtime) throws IOException {
        ClassDataArchive archive = archive(runtime);
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("deal-service.jar"), "the application jar");
        Files.writeString(directory.resolve(ClassDataArchive.STAMP_FILE), archive.stamp());
        return archive;
    }

    private ClassDataArchive trained(String runtime) throws IOException {
        ClassDataArchive archive = extracted(runtime);
        Files.writeString(directory.resolve("deal-service.jsa"), "archive");
        return archive;
    }
}
