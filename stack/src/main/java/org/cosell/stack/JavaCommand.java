package org.cosell.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code java <options> -jar <jar> <arguments>} with the java that runs this JVM, and the two ways to run a service's. */
public final class JavaCommand {

    /**
     * Small heaps and a quick JIT: six JVMs start at once on as few as two cores. Every service the same, for
     * runs that are not the launcher's (the fault suite's); the launcher sizes each service with {@link #quickStart}.
     */
    public static final List<String> QUICK_START = List.of(
            "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

    /**
     * As the container image runs a service: the optimizing JIT compiler, which the quick start leaves out and
     * which makes code under load several times faster, the default collector and a heap sized for load.
     */
    public static final List<String> PRODUCTION = List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError");

    /**
     * What each service holds after start, measured with the quick-start options on a local stack at rest
     * ({@code jcmd <pid> GC.heap_info}, {@code VM.native_memory summary}; figures in docs/running.md): live heap
     * 18-39 MB, metaspace 44 (portal) to 78 MB (notification-service), code cache about 11 MB. The limits: heap
     * about four times what is live after start and never less than 128 MB, so a developer's requests and a CSV
     * export of 100,000 rows fit (bench's export benchmark runs deal-service with 128 MB); metaspace about 1.7
     * times what start-up filled, since the first requests load a few more classes (classes mapped from a class
     * data archive do not count against it); code cache the C1-only default of 48 MB, four times what start-up fills.
     */
    static final Map<String, QuickStartSizing> QUICK_START_SIZING = Map.of(
            CosellService.GATEWAY.name(), new QuickStartSizing(128, 96, 48),
            CosellService.DEAL_SERVICE.name(), new QuickStartSizing(192, 128, 48),
            CosellService.REFERRAL_SERVICE.name(), new QuickStartSizing(160, 128, 48),
            CosellService.NOTIFICATION_SERVICE.name(), new QuickStartSizing(160, 128, 48),
            CosellService.EXPIRY_SCHEDULER.name(), new QuickStartSizing(160, 128, 48),
            CosellService.PORTAL.name(), new QuickStartSizing(128, 80, 48));

    /**
     * Options every quick-started service gets whatever its size. The heap starts at 64 MB, about what start-up
     * grows it to, and may shrink to 16 MB: started at 16 MB, a service collected some 22 times and compacted
     * its whole heap 3-4 times while growing it, about 1.7 s of a start that took 7 s of CPU; without a size the
     * JVM would commit 1/64 of the machine's memory, the whole heap on most machines. Once the service is ready,
     * {@link StartUpHeap} shrinks the heap to what is live. The C1 compiler alone, on one thread, since six
     * JVMs compiling on two cores only wait for each other; 512 KB thread stacks, half the default, ample for
     * Spring's deepest start-up stacks. The serial collector shrinks the heap in steps by default, by nothing
     * on the first collection that could and a tenth on the second; without the steps, the one collection
     * {@link StartUpHeap} asks for once the service is ready returns the whole start-up heap. Class data archives
     * are mapped where they were built to be ({@code ArchiveRelocationMode=0}): this JDK maps them at a random
     * address by default, and then rewrites every pointer in them at start, some 0.2 s of CPU a service's archive
     * (unless the address it asks for is taken: then the JVM relocates as before).
     */
    static final List<String> QUICK_START_COMMON = List.of("-XX:InitialHeapSize=64m", "-XX:MinHeapSize=16m",
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-ShrinkHeapInSteps", "-XX:CICompilerCount=1", "-Xss512k",
            "-XX:+ExitOnOutOfMemoryError", "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");

    /**
     * The environment a quick-started service gets besides its own: glibc's malloc keeps an arena of up to 64 MB
     * per thread that allocates natively, up to eight per core, and the JVM's compiler and GC threads and
     * Tomcat's and Kafka's each touch one; two are plenty for a service at a developer's pace.
     */
    public static final Map<String, String> QUICK_START_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /**
     * The JVM options of the launcher's own JVM (the broker, the database, the mail sink) in the README's
     * command. The default collector there is G1, whose own structures alone commit about 40 MB for a heap that
     * may grow to a quarter of the machine's memory, and whose initial heap is a 64th of it; the serial
     * collector needs about 1 MB, and with a small initial heap the free ratios the launcher sets once the
     * stack is up can shrink the heap to what is live. The launcher at rest holds about 30 MB less. The C1
     * compiler alone, as the services have it: the optimizing compiler spent 4 s of CPU on the broker's and the
     * database's start-up code while six other JVMs started on the same cores, for a speed a developer's
     * requests do not need. Plain {@code java -jar} works all the same, with those 30 MB more.
     */
    public static final List<String> LAUNCHER = List.of("-XX:+UseSerialGC", "-Xms32m", "-XX:TieredStopAtLevel=1");

    private JavaCommand() {
    }

    /** The quick-start options of {@code service}: {@link #QUICK_START_COMMON} and its {@link #QUICK_START_SIZING}. */
    public static List<String> quickStart(CosellService service) {
        QuickStartSizing sizing = QUICK_START_SIZING.get(service.name());
        if (sizing == null) {
            return QUICK_START;
        }
        List<String> options = new ArrayList<>(QUICK_START_COMMON);
        options.addAll(sizing.options());
        return options;
    }

    public static List<String> of(List<String> jvmOptions, Path jar, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /** The java that runs this JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A service's limits in MB: heap, metaspace, code cache. */
    record QuickStartSizing(int heapMb, int metaspaceMb, int codeCacheMb) {

        List<String> options() {
            return List.of("-Xmx" + heapMb + "m", "-XX:MaxMetaspaceSize=" + metaspaceMb + "m",
                    "-XX:ReservedCodeCacheSize=" + codeCacheMb + "m");
        }
    }
}
