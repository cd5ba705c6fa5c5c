package org.cosell.stack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server (mongo-java-server) on localhost: H2-backed files that survive
 * restarts, or memory only, answering a sorted find with a limit without sorting every match
 * ({@link EmbeddedBackends}). It has no transactions and does not answer {@code hello}; see docs/architecture.md.
 * It runs inside the caller's JVM or, on disk, as the whole of a process of its own ({@link #runUntilStopped}).
 */
public final class EmbeddedMongo implements AutoCloseable {

    public static final int PORT = 27017;
    public static final String URI = "mongodb://localhost:" + PORT;

    private final MongoServer server;

    private EmbeddedMongo(MongoServer server) {
        this.server = server;
    }

    /** Keeps every database in one H2 file under {@code dataDirectory}. */
    public static EmbeddedMongo startOnDisk(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        return start(EmbeddedBackends.onDisk(dataDirectory.resolve("cosell.mv").toString()));
    }

    public static EmbeddedMongo startInMemory() {
        return start(EmbeddedBackends.inMemory());
    }

    /** Serves the databases kept under {@code dataDirectory} until this process is told to stop (SIGTERM). */
    public static void runUntilStopped(Path dataDirectory) throws Exception {
        UntilStopped.run(startOnDisk(dataDirectory), "database listening on " + URI + ", data in " + dataDirectory);
    }

    private static EmbeddedMongo start(MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        try {
            server.bind("localhost", PORT);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        return new EmbeddedMongo(server);
    }

    /** Stops listening, closes the connections and the backend (flushing the H2 file). */
    @Override
    public void close() {
        server.shutdown();
    }
}
