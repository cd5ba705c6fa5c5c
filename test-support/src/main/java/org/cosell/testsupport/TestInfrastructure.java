package org.cosell.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.cosell.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.mongodb.MongoDBContainer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The Kafka broker and MongoDB server that every test in this JVM shares. Started on first use and
 * never stopped explicitly (a shutdown hook does it), so each Spring context and test class reuses
 * them. System property {@value #CHOICE_PROPERTY} = {@code containers} or {@code embedded} decides;
 * unset, Testcontainers is used where a Docker engine answers and in-process servers otherwise, so
 * no test is ever skipped for lack of Docker.
 * <p>
 * every topic of docs/events.md and its dead-letter twin exist, with {@value #PARTITIONS} partitions and a
 * leader each, before {@link #get()} returns: records produced right after a topic was created
 * have been silently lost here (KAFKA-15591).
 */
public final class TestInfrastructure {

    public static final String CHOICE_PROPERTY = "cosell.test.infrastructure";
    public static final int PARTITIONS = 3;
    public static final String MONGO_DATABASE = "test";

    private static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    private static final String MONGO_IMAGE = "mongo:8.0";
    private static final Duration TOPICS_READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static TestInfrastructure instance;

    private final String kafkaBootstrapServers;
    private final String mongoUri;

    private TestInfrastructure(String kafkaBootstrapServers, String mongoUri) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mongoUri = mongoUri;
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            Kind kind = Kind.choose(System.getProperty(CHOICE_PROPERTY),
                    () -> DockerClientFactory.instance().isDockerAvailable());
            instance = start(kind);
        }
        return instance;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /**
     * A connection string naming database {@value #MONGO_DATABASE}; a service's
     * {@code spring.mongodb.database} takes precedence over it.
     */
    public String mongoUri() {
        return mongoUri;
    }

    enum Kind {
        CONTAINERS, EMBEDDED;

        static Kind choose(String requested, BooleanSupplier dockerAvailable) {
            if (requested == null || requested.isBlank()) {
                return dockerAvailable.getAsBoolean() ? CONTAINERS : EMBEDDED;
            }
            return switch (requested.trim()) {
                case "containers" -> CONTAINERS;
                case "embedded" -> EMBEDDED;
                default -> throw new IllegalArgumentException(
                        CHOICE_PROPERTY + " must be 'containers' or 'embedded', not '" + requested + "'");
            };
        }
    }

    private static TestInfrastructure start(Kind kind) {
        long startedAt = System.nanoTime();
        TestInfrastructure infrastructure = kind == Kind.CONTAINERS ? startContainers() : startEmbedded();
        createTopics(infrastructure.kafkaBootstrapServers);
        log.info("Cosell test infrastructure: {} — Kafka at {}, MongoDB at {}, {} topics ready, in {} ms",
                kind == Kind.CONTAINERS ? "Testcontainers (" + KAFKA_IMAGE + ", " + MONGO_IMAGE + " replica set)"
                        : "in-process (embedded KRaft broker, mongo-java-server in memory)",
                infrastructure.kafkaBootstrapServers, infrastructure.mongoUri, topicNames().size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        return infrastructure;
    }

    private static TestInfrastructure startContainers() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE).withReplicaSet();
        Startables.deepStart(kafka, mongo).join();
        onShutdown(() -> {
            kafka.stop();
            mongo.stop();
        });
        return new TestInfrastructure(kafka.getBootstrapServers(), mongo.getReplicaSetUrl(MONGO_DATABASE));
    }

    private static TestInfrastructure startEmbedded() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        kafka.afterPropertiesSet();
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.enableOplog();
        mongo.bind("127.0.0.1", 0);
        onShutdown(() -> {
            mongo.shutdownNow();
            kafka.destroy();
        });
        return new TestInfrastructure(kafka.getBrokersAsString(),
                "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/" + MONGO_DATABASE);
    }

    private static void onShutdown(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "cosell-test-infrastructure-stop"));
    }

    static List<String> topicNames() {
        return Topics.ALL.stream().flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic))).toList();
    }

    private static void createTopics(String bootstrapServers) {
        List<String> names = topicNames();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(names.stream().map(name -> new NewTopic(name, PARTITIONS, (short) 1)).toList())
                    .all().get(TOPICS_READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            await("every test topic has " + PARTITIONS + " partitions with a leader")
                    .atMost(TOPICS_READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> admin.describeTopics(names).allTopicNames().get().values(),
                            topics -> topics.size() == names.size()
                                    && topics.stream().allMatch(TestInfrastructure::hasLeaderOnEveryPartition));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create the test topics " + names, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the test topics", e);
        }
    }

    private static boolean hasLeaderOnEveryPartition(TopicDescription topic) {
        List<TopicPartitionInfo> partitions = topic.partitions();
        return partitions.size() == PARTITIONS
                && partitions.stream().allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
    }
}
