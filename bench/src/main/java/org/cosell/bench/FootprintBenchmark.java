package org.cosell.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.bson.RawBsonDocument;
import org.cosell.stack.CosellService;

/**
 * Figure 6: how long each part of the local stack took to be ready (as the launcher reports it), and
 * the resident memory of every process of the stack and the Java heap of every service (used, committed, max, from
 * its own metrics), idle after start and again after the load: the figures the deployment's memory requests and
 * limits are checked against.
 */
final class FootprintBenchmark {

    static final String NAME = "footprint";

    private static final int STORAGE_SAMPLE = 1_000;

    private FootprintBenchmark() {
    }

    static void startup(StackProcess stack, ResultsTable table) {
        if (!stack.launchedHere()) {
            table.add(Figure.info(NAME, "startup", Double.NaN, "s", "not measured: attached to a running stack"));
            return;
        }
        table.add(Figure.info(NAME, "Kafka, MongoDB, SMTP, topics ready", stack.infrastructureReadyAfter(), "s",
                "from the launcher's start"));
        Map<String, Double> springStarted = stack.springStartedIn();
        new TreeMap<>(stack.readyAfter()).forEach((service, seconds) -> table.add(Figure.info(NAME,
                service + " ready", seconds, "s", springStarted.containsKey(service)
                        ? String.format(Locale.ROOT, "its Spring context started in %.1f s", springStarted.get(service))
                        : "")));
        table.add(Figure.info(NAME, "whole stack ready", stack.stackReadyAfter(), "s",
                "\"Cosell is ready\"; six services starting together on " + Runtime.getRuntime().availableProcessors() + " cores"));
    }

    /**
     * What the services' databases hold after the load, per collection: documents and their average BSON size (of
     * the first 1,000), from which the storage a day of referrals needs follows.
     */
    static void storage(MongoClient mongo, ResultsTable table) {
        for (String database : DatabaseWork.DATABASES.values()) {
            MongoDatabase db = mongo.getDatabase(database);
            for (String collection : db.listCollectionNames()) {
                long documents = db.getCollection(collection).estimatedDocumentCount();
                long bytes = 0;
                int sampled = 0;
                for (RawBsonDocument document : db.getCollection(collection, RawBsonDocument.class).find().limit(STORAGE_SAMPLE)) {
                    bytes += document.getByteBuffer().remaining();
                    sampled++;
                }
                if (sampled > 0) {
                    table.add(Figure.info(NAME, "stored after load: " + database + "." + collection, (double) bytes / sampled,
                            "bytes", String.format(Locale.ROOT, "average of %,d of %,d documents", sampled, documents)));
                }
            }
        }
    }

    static void memory(StackProcess stack, ResultsTable table, String when) {
        List<StackProcess.NamedProcess> processes = stack.processes();
        if (processes.isEmpty()) {
            table.add(Figure.failed(NAME, "RSS " + when, "no process of the stack found"));
            return;
        }
        double total = 0;
        for (StackProcess.NamedProcess process : processes) {
            var memory = process.memory();
            if (memory.isPresent()) {
                total += memory.get().residentMb();
                table.add(Figure.info(NAME, "RSS " + when + ": " + process.name(), memory.get().residentMb(), "MB",
                        String.format(Locale.ROOT, "pid %d, peak %.0f MB", process.handle().pid(), memory.get().peakResidentMb())));
            }
        }
        table.add(Figure.info(NAME, "RSS " + when + ": all " + processes.size() + " processes", total, "MB", ""));
        for (CosellService service : CosellService.ALL) {
            HeapMemory.of(service).ifPresent(heap -> table.add(Figure.info(NAME, "heap " + when + ": " + service.name(),
                    heap.usedMb(), "MB", String.format(Locale.ROOT, "used; committed %.0f MB, max %.0f MB",
                            heap.committedMb(), heap.maxMb()))));
        }
    }
}
