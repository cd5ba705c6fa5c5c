package org.cosell.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Hands back to the system the memory a quick-started service grew to while it started, with the JDK's {@code jcmd}.
 * Its JVM keeps 40-70 % of the heap free by default, and start-up's garbage grows the heap well past what stays
 * live: the service is told to keep 10-30 % free from now on (both ratios can be set in a running JVM) and to
 * collect once, which shrinks the heap to what is live. Set at run time rather than on the command line, since
 * ratios that tight from the start make start-up collect far more often. Then glibc is told to return the native
 * memory start-up freed (the JIT compiler's and class loading's scratch memory), which it otherwise keeps in its
 * arenas for the next allocation.
 */
public final class StartUpHeap {

    /** The native heap's trim: a no-op, so said in jcmd's answer, where the C library is not glibc. */
    static final String TRIM_NATIVE_HEAP = "System.trim_native_heap";

    /** Run in this order: the minimum never exceeds the maximum on the way, and the collection frees native memory too. */
    static final List<String> RETURN_COMMANDS = List.of(
            "VM.set_flag MinHeapFreeRatio 10", "VM.set_flag MaxHeapFreeRatio 30", "GC.run", TRIM_NATIVE_HEAP);

    /** jcmd's own JVM: small and quick, it starts, attaches and exits. */
    private static final List<String> JCMD_JVM_OPTIONS = List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC");

    private StartUpHeap() {
    }

    /**
     * Tells the JVM {@code process} to return its start-up heap and native memory, and waits up to {@code timeout}
     * for it; false when it could not be told (no jcmd beside this java, the process gone, attach refused).
     */
    public static boolean returnFrom(ProcessHandle process, Duration timeout) throws IOException, InterruptedException {
        return run(process, RETURN_COMMANDS, timeout);
    }

    /**
     * Only the native memory, for a JVM that returns its heap itself (the launcher's, which a collector other than
     * the serial one runs); as {@link #returnFrom}, false when it could not be told.
     */
    public static boolean trimNativeHeap(ProcessHandle process, Duration timeout) throws IOException, InterruptedException {
        return run(process, List.of(TRIM_NATIVE_HEAP), timeout);
    }

    private static boolean run(ProcessHandle process, List<String> jcmdCommands, Duration timeout)
            throws IOException, InterruptedException {
        Optional<Path> jcmd = jcmd();
        if (jcmd.isEmpty() || !process.isAlive()) {
            return false;
        }
        Path commands = Files.createTempFile("cosell-return-heap", ".jcmd");
        try {
            Files.write(commands, jcmdCommands);
            List<String> command = new ArrayList<>();
            command.add(jcmd.get().toString());
            command.addAll(JCMD_JVM_OPTIONS);
            command.addAll(List.of(String.valueOf(process.pid()), "-f", commands.toString()));
            Process run = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // a caller stopped meanwhile (Ctrl-C) leaves no jcmd behind
            Thread killOnExit = new Thread(() -> kill(run, timeout), "jcmd-" + run.pid() + "-kill");
            Runtime.getRuntime().addShutdownHook(killOnExit);
            try {
                if (!run.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill(run, timeout);
                    return false;
                }
                return run.exitValue() == 0;
            } finally {
                removeShutdownHook(killOnExit);
            }
        } finally {
            Files.deleteIfExists(commands);
        }
    }

    private static void kill(Process run, Duration timeout) {
        run.destroyForcibly();
        try {
            run.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs, or ran, with the others
        }
    }

    /** The jcmd of the JDK that runs this JVM; a runtime image without the JDK's tools has none. */
    static Optional<Path> jcmd() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        return Stream.of("jcmd", "jcmd.exe").map(bin::resolve).filter(Files::isExecutable).findFirst();
    }
}
