package org.cosell.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.cosell.stack.CosellService;
import org.cosell.stack.FakeService;

/**
 * A checkout laid out as the launcher expects ({@code local/target/cosell-local.jar} beside
 * {@code <module>/target/<module>.jar}), where every service jar is a {@link FakeService}.
 */
final class FakeRepository implements AutoCloseable {

    private final Path root;

    private FakeRepository(Path root) {
        this.root = root;
    }

    /** The real launcher jar and the libraries it names, linked in, and no service jar at all. */
    static FakeRepository withoutServiceJars() throws IOException {
        Path root = Files.createTempDirectory("cosell-repo-");
        Path launcher = root.resolve("local").resolve("target").resolve("cosell-local.jar");
        Files.createDirectories(launcher.getParent());
        Files.createSymbolicLink(launcher, LauncherProcess.JAR);
        Files.createSymbolicLink(launcher.resolveSibling("lib"), LauncherProcess.JAR.resolveSibling("lib"));
        return new FakeRepository(root);
    }

    /** The real launcher jar and a fake jar for every service. */
    static FakeRepository withFakeServices() throws IOException {
        FakeRepository repository = withoutServiceJars();
        for (CosellService service : CosellService.ALL) {
            writeFakeServiceJar(service.jar(repository.root));
        }
        return repository;
    }

    Path root() {
        return root;
    }

    Path launcherJar() {
        return root.resolve("local").resolve("target").resolve("cosell-local.jar");
    }

    private static void writeFakeServiceJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        Path codeSource = codeSource();
        // the stack module's test classes: a directory, or its test jar once the build has packaged it
        try (FileSystem jarFileSystem = Files.isDirectory(codeSource) ? null : FileSystems.newFileSystem(codeSource)) {
            Path classes = jarFileSystem == null ? codeSource : jarFileSystem.getPath("/");
            Path packageDirectory = classes.resolve(FakeService.class.getPackageName().replace('.', '/'));
            List<Path> classFiles;
            try (Stream<Path> files = Files.list(packageDirectory)) {
                classFiles = files.filter(file -> file.getFileName().toString().startsWith(FakeService.class.getSimpleName()))
                        .toList();
            }
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
                for (Path classFile : classFiles) {
                    jarOut.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
                    Files.copy(classFile, jarOut);
                    jarOut.closeEntry();
                }
            }
        }
    }

    private static Path codeSource() {
        try {
            return Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
