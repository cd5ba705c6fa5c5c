package org.cosell.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A service jar extracted as Spring Boot's {@code -Djarmode=tools extract} lays it out (the application jar and
 * its {@code lib/}, which the JVM loads faster than the nested jars of the runnable jar), and the class data
 * sharing archive of a training run on it: the classes the service loads up to its context's refresh, parsed,
 * verified and laid out once, then mapped by every later start. Both live under {@code <module>/target/cds/},
 * built once and reused until the jar or the java that runs them changes, which {@link #stamp} records; a
 * {@code ./mvnw clean} removes them with the jar. A JVM that cannot use an archive says so and starts without
 * it ({@code -Xshare:auto}, the default), so an archive is only ever a way to start faster.
 */
public final class ClassDataArchive {

    static final String STAMP_FILE = "stamp";
    static final Duration TOOL_TIMEOUT = Duration.ofMinutes(3);
    private static final String SPRING_BOOT_VERSION = "Spring-Boot-Version";
    private static final Path NICE = Path.of("/usr/bin/nice");

    private final String name;
    private final Path jar;
    private final Path directory;
    private final String runtime;

    ClassDataArchive(String name, Path jar, Path directory, String runtime) {
        this.name = name;
        this.jar = jar;
        this.directory = directory;
        this.runtime = runtime;
    }

    /** The archive of {@code service}'s jar in {@code repositoryRoot}, for the java that runs this JVM. */
    public static ClassDataArchive of(CosellService service, Path repositoryRoot) {
        Path jar = service.jar(repositoryRoot);
        return new ClassDataArchive(service.name(), jar, jar.resolveSibling("cds"), currentRuntime());
    }

    /** The java that runs the services: an archive is only valid for the JVM build that wrote it. */
    static String currentRuntime() {
        return System.getProperty("java.home") + " " + System.getProperty("java.vm.version");
    }

    /** What the extracted files and the archive were made from: the jar (size, modification time) and the java. */
    String stamp() throws IOException {
        return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + " " + runtime;
    }

    /** Whether the extracted jar is there and was made from the current jar with the current java. */
    public boolean isExtracted() {
        try {
            Path stampFile = directory.resolve(STAMP_FILE);
            return Files.isRegularFile(extractedJar()) && Files.isRegularFile(stampFile)
                    && Files.readString(stampFile).equals(stamp());
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the jar is one Spring Boot's tools can extract: any other runs as it is. */
    boolean isSpringBootJar() throws IOException {
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            Manifest manifest = jarFile.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue(SPRING_BOOT_VERSION) != null;
        }
    }

    /** Whether a start can use the archive: extracted and trained, both from the current jar. */
    public boolean isTrained() {
        return isExtracted() && Files.isRegularFile(archive());
    }

    /**
     * Extracts the jar unless {@link #isExtracted()} already holds; anything from an older jar or java, the
     * archive included, is deleted first.
     */
    public void extract() throws IOException, InterruptedException, StackException {
        if (isExtracted() || !isSpringBootJar()) {
            return;
        }
        deleteRecursively(directory);
        Files.createDirectories(directory);
        Path log = directory.resolve("extract.log");
        run(List.of(JavaCommand.java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
                directory.toString(), "--force"), Map.of(), log);
        if (!Files.isRegularFile(extractedJar())) {
            throw new StackException("Extracting " + jar + " made no " + extractedJar() + "; see " + log);
        }
        Files.writeString(directory.resolve(STAMP_FILE), stamp());
    }

    /**
     * The training run: the extracted service started with {@code jvmOptions} until its context has refreshed
     * ({@code spring.context.exit=onRefresh}: every singleton created, but no web server, Kafka listener or
     * scheduler started), the JVM writing every class it loaded to the archive as it exits. It needs what the
     * service's beans reach while they are created (the database, the broker), so it runs beside the stack.
     * The archive is written under another name and only takes its own once the run ended well, so a run
     * that is stopped half-way leaves nothing a start would use.
     */
    public ChildProcess trainingRun(List<String> jvmOptions, Map<String, String> environment, Path workingDirectory) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(NICE)) {
            // behind the services already running, which a developer is using meanwhile
            command.addAll(List.of(NICE.toString(), "-n", "10"));
        }
        command.add(JavaCommand.java());
        command.addAll(jvmOptions);
        command.add("-XX:ArchiveClassesAtExit=" + unfinishedArchive());
        command.add("-Dspring.context.exit=onRefresh");
        command.add("-jar");
        command.add(extractedJar().toString());
        return new ChildProcess(name + " training run", command, environment, workingDirectory,
                ProcessOutput.appendedTo(directory.resolve("training.log")));
    }

    /** After {@link #trainingRun} exited: keeps its archive if the run ended well, answering whether it did. */
    public boolean keepTrainingResult(int exitValue) throws IOException {
        Path written = unfinishedArchive();
        if (exitValue != 0 || !Files.isRegularFile(written) || !isExtracted()) {
            Files.deleteIfExists(written);
            return false;
        }
        Files.move(written, archive(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /**
     * {@code java <jvmOptions> -jar <jar>}: with the archive when {@link #isTrained()}, from the extracted jar
     * when {@link #isExtracted()}, else from the runnable jar itself.
     */
    public List<String> command(List<String> jvmOptions) {
        if (isTrained()) {
            List<String> options = new ArrayList<>(jvmOptions);
            options.add("-XX:SharedArchiveFile=" + archive());
            return JavaCommand.of(options, extractedJar());
        }
        return JavaCommand.of(jvmOptions, isExtracted() ? extractedJar() : jar);
    }

    public String name() {
        return name;
    }

    Path extractedJar() {
        return directory.resolve(jar.getFileName());
    }

    Path archive() {
        return directory.resolve(name + ".jsa");
    }

    private Path unfinishedArchive() {
        return directory.resolve(name + ".jsa.new");
    }

    private static void run(List<String> command, Map<String, String> environment, Path log)
            throws IOException, InterruptedException, StackException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(TOOL_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new StackException(String.join(" ", command) + " did not end within " + TOOL_TIMEOUT.toMinutes()
                    + " min; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new StackException(String.join(" ", command) + " failed with code " + process.exitValue() + "; see " + log);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
