package org.cosell.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code java <options> -jar <jar> <arguments>} with the java that runs this JVM, and the two ways to run a service's. */
public final class JavaCommand {

    /** Small heaps and a quick JIT: six JVMs start at once on as few as two cores. */
    public static final List<String> QUICK_START = List.of(
            "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

    /**
     * As the container image runs a service: the optimizing JIT compiler, which the quick start leaves out and
     * which makes code under load several times faster, the default collector and a heap sized for load.
     */
    public static final List<String> PRODUCTION = List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError");

    private JavaCommand() {
    }

    public static List<String> of(List<String> jvmOptions, Path jar, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(arguments));
        return command;
    }
}
