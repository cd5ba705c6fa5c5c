package org.cosell.faults;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The broker as a process of its own ({@code cosell-faults.jar broker <data directory>}), so the
 * suite can stop and restart it: the single-node KRaft broker of the local launcher, on the fixed
 * ports 9092 (clients) and 9093 (controller), data on disk so a restart keeps every record.
 * SIGTERM runs a controlled shutdown.
 */
final class BrokerMain {

    static final int PORT = 9092;
    static final int CONTROLLER_PORT = 9093;
    static final String BOOTSTRAP_SERVERS = "localhost:" + PORT;

    private static final int NODE_ID = 1;
    private static final String CONTROLLER = "CONTROLLER";

    private BrokerMain() {
    }

    static void run(Path dataDirectory) throws Exception {
        Files.createDirectories(dataDirectory);
        KafkaConfig config = new KafkaConfig(config(dataDirectory), false);
        formatIfNew(dataDirectory);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
            stopped.countDown();
        }, "broker-shutdown"));
        server.startup();
        System.out.println("broker listening on " + BOOTSTRAP_SERVERS);
        stopped.await();
    }

    private static Properties config(Path dataDirectory) {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@localhost:" + CONTROLLER_PORT);
        config.put("listeners", "PLAINTEXT://localhost:" + PORT + "," + CONTROLLER + "://localhost:" + CONTROLLER_PORT);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + PORT);
        config.put("controller.listener.names", CONTROLLER);
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
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
                .setControllerListenerName(CONTROLLER)
                .setMetadataLogDirectory(dataDirectory.toString())
                .addDirectory(dataDirectory.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }
}
