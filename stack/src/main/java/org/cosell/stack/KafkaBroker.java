package org.cosell.stack;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka in KRaft mode (broker and controller in one), listening on localhost only.
 * Its storage is formatted the first time a data directory is used, as {@code kafka-storage.sh
 * format} would; after that the broker starts on the data it has. Replication factor 1 everywhere.
 * It runs inside the caller's JVM ({@link #start}) or as the whole of a process of its own
 * ({@link #runUntilStopped}), which can then be stopped and restarted on its data.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final int PORT = 9092;
    public static final int CONTROLLER_PORT = 9093;
    public static final String BOOTSTRAP_SERVERS = "localhost:" + PORT;

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int LOG_CLEANER_DEDUPE_BUFFER_BYTES = 4 * 1024 * 1024;

    private final KafkaRaftServer server;

    private KafkaBroker(KafkaRaftServer server) {
        this.server = server;
    }

    /** Formats {@code dataDirectory} if it holds no Kafka storage yet, then starts the broker. */
    public static KafkaBroker start(Path dataDirectory) throws Exception {
        Files.createDirectories(dataDirectory);
        KafkaConfig config = new KafkaConfig(config(dataDirectory), false);
        formatIfNew(dataDirectory);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw e;
        }
        return new KafkaBroker(server);
    }

    /** Runs the broker until this process is told to stop (SIGTERM), then shuts it down in a controlled way. */
    public static void runUntilStopped(Path dataDirectory) throws Exception {
        UntilStopped.run(start(dataDirectory), "broker listening on " + BOOTSTRAP_SERVERS);
    }

    private static Properties config(Path dataDirectory) {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@localhost:" + CONTROLLER_PORT);
        config.put("listeners", "PLAINTEXT://localhost:" + PORT + "," + CONTROLLER_LISTENER + "://localhost:" + CONTROLLER_PORT);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + PORT);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("log.dirs", dataDirectory.toString());
        config.put("num.partitions", String.valueOf(CosellTopics.PARTITIONS));
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "10");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "10");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("auto.create.topics.enable", "false");
        // The log cleaner (compacting __consumer_offsets) allocates this map on the heap at start, 128 MB by
        // default, for millions of keys a pass; a local stack's offsets need a few thousand
        config.put("log.cleaner.dedupe.buffer.size", String.valueOf(LOG_CLEANER_DEDUPE_BUFFER_BYTES));
        return config;
    }

    private static void formatIfNew(Path dataDirectory) throws Exception {
        if (Files.exists(dataDirectory.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(dataDirectory.toString())
                .addDirectory(dataDirectory.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
