package org.cosell.faults;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The database as a process of its own ({@code cosell-faults.jar database <file>}): the local
 * launcher's MongoDB-compatible server on port 27017 with the H2 backend, so that every database
 * survives a restart of the process. SIGTERM closes the connections and flushes the file.
 */
final class DatabaseMain {

    static final int PORT = 27017;
    static final String URI = "mongodb://localhost:" + PORT;

    private DatabaseMain() {
    }

    static void run(Path file) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }, "database-shutdown"));
        server.bind("localhost", PORT);
        System.out.println("database listening on " + URI + ", data in " + file);
        stopped.await();
    }
}
