package org.cosell.local;

import java.io.File;
import java.nio.file.Path;

/**
 * Finds the checkout the service jars are built in: the launcher jar sits at
 * {@code <repo>/local/target/cosell-local.jar}; run from anywhere else, the current directory is
 * taken as the checkout.
 */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    static Path locate() {
        return locate(System.getProperty("java.class.path", ""), Path.of("").toAbsolutePath());
    }

    static Path locate(String classPath, Path workingDirectory) {
        if (!classPath.isEmpty() && !classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
            Path target = Path.of(classPath).toAbsolutePath().normalize().getParent();
            Path module = target == null ? null : target.getParent();
            if (module != null && module.getParent() != null
                    && target.getFileName().toString().equals("target")
                    && module.getFileName().toString().equals("local")) {
                return module.getParent();
            }
        }
        return workingDirectory;
    }
}
