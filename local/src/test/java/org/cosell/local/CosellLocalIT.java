package org.cosell.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.cosell.stack.CosellService;
import org.cosell.stack.CosellTopics;
import org.cosell.stack.EmbeddedMongo;
import org.cosell.stack.FakeService;
import org.cosell.stack.KafkaBroker;
import org.cosell.stack.RequiredPort;
import org.cosell.stack.SmtpSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged launcher as a user would. The services are {@link FakeService}s where a test
 * needs them, so the launcher is checked without the real service jars.
 */
class CosellLocalIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final List<Integer> INFRASTRUCTURE_PORTS =
            List.of(KafkaBroker.PORT, KafkaBroker.CONTROLLER_PORT, EmbeddedMongo.PORT, SmtpSink.PORT);

    private final List<AutoCloseable> cleanUp = new ArrayList<>();

    @BeforeEach
    void everyPortIsFree() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(allPorts())
                .as("ports the launcher needs, taken by something outside this test")
                .allMatch(RequiredPort::isFree));
    }

    @AfterEach
    void stopWhatIsLeft() throws Exception {
        for (int i = cleanUp.size() - 1; i >= 0; i--) {
            cleanUp.get(i).close();
        }
    }

    @Test
    void infrastructureAcceptsKafkaMongoAndSmtpThenFreesItsPortsOnSigterm() throws Exception {
        Path workingDirectory = remember(FakeRepository.withoutServiceJars()).root();
        LauncherProcess launcher = remember(LauncherProcess.start(workingDirectory, "--infra-only", "--in-memory"));
        launcher.awaitOutput("Cosell infrastructure is ready", START_TIMEOUT);

        assertEveryTopicHasThreePartitions();
        assertKafkaDeliversARecord();
        assertMongoAnswers();
        assertSmtpMailIsLogged(launcher);
        assertThat(workingDirectory.resolve("data")).as("--in-memory writes nothing under ./data").doesNotExist();

        launcher.terminate();
        launcher.awaitExit(STOP_TIMEOUT);
        assertThat(launcher.outputText()).contains("Cosell stopped");
        assertThat(launcher.temporaryFiles()).as("Kafka's temporary data, deleted at exit").isEmpty();
        awaitFree(INFRASTRUCTURE_PORTS);
    }

    @Test
    void keepsKafkaAndMongoDataUnderDataAcrossRestarts() throws Exception {
        Path workingDirectory = remember(FakeRepository.withoutServiceJars()).root();
        String marker = UUID.randomUUID().toString();

        try (LauncherProcess first = LauncherProcess.start(workingDirectory, "--infra-only")) {
            first.awaitOutput("Cosell infrastructure is ready", START_TIMEOUT);
            produce("cosell.referrals.inbound", marker);
            try (MongoClient mongo = MongoClients.create(EmbeddedMongo.URI)) {
                mongo.getDatabase("cosell-it").getCollection("markers").insertOne(new Document("_id", marker));
            }
            first.terminate();
            first.awaitExit(STOP_TIMEOUT);
        }
        awaitFree(INFRASTRUCTURE_PORTS);
        assertThat(workingDirectory.resolve("data/kafka/meta.properties")).isRegularFile();
        assertThat(workingDirectory.resolve("data/mongo")).isDirectory();

        try (LauncherProcess second = LauncherProcess.start(workingDirectory, "--infra-only")) {
            second.awaitOutput("Cosell infrastructure is ready", START_TIMEOUT);
            assertThat(consume("cosell.referrals.inbound", marker)).isNotNull();
            try (MongoClient mongo = MongoClients.create(EmbeddedMongo.URI)) {
                assertThat(mongo.getDatabase("cosell-it").getCollection("markers").find(new Document("_id", marker)).first())
                        .isNotNull();
            }
            second.terminate();
            second.awaitExit(STOP_TIMEOUT);
        }
        awaitFree(INFRASTRUCTURE_PORTS);
    }

    @Test
    void reportsATakenPortAndExitsBeforeStartingAnything() throws Exception {
        Path workingDirectory = remember(FakeRepository.withoutServiceJars()).root();
        try (ServerSocket taken = new ServerSocket(SmtpSink.PORT)) {
            LauncherProcess launcher = remember(LauncherProcess.start(workingDirectory, "--infra-only", "--in-memory"));

            assertThat(launcher.awaitExit(Duration.ofSeconds(30))).isNotZero();
            assertThat(launcher.outputText())
                    .contains("port 2525 is in use; the SMTP sink needs it")
                    .doesNotContain("listening on");
        }
    }

    @Test
    void asksToBuildTheServicesWhenTheirJarsAreMissing() throws Exception {
        FakeRepository repository = remember(FakeRepository.withoutServiceJars());
        LauncherProcess launcher = remember(LauncherProcess.start(repository.launcherJar(), repository.root(), Map.of()));

        assertThat(launcher.awaitExit(Duration.ofSeconds(30))).isNotZero();
        assertThat(launcher.outputText())
                .contains("Service jars not found", "./mvnw -q -DskipTests package")
                .contains(CosellService.ALL.stream().map(service -> service.name() + "/target/" + service.name() + ".jar").toList())
                .doesNotContain("listening on");
    }

    @Test
    void startsEveryServiceWithItsEnvironmentAndStopsThemAll() throws Exception {
        FakeRepository repository = remember(FakeRepository.withFakeServices());
        LauncherProcess launcher = remember(LauncherProcess.start(repository.launcherJar(), repository.root(),
                Map.of("COSELL_TEST_MARKER", "passed-on"), "--in-memory"));
        launcher.awaitOutput("Cosell is ready: http://localhost:8080", START_TIMEOUT);
        List<ProcessHandle> services = launcher.descendants();

        assertThat(launcher.outputText()).contains("Sign in to the partner portal: http://localhost:8080",
                "Get a token: curl -s -X POST http://localhost:8080/dev/token");
        for (CosellService service : CosellService.ALL) {
            assertThat(launcher.output()).contains("[" + service.name() + "] a line on stderr");
            assertThat(launcher.output()).contains("[" + service.name() + "] env SERVER_PORT=" + service.port()
                    + " MANAGEMENT_PORT=" + service.managementPort() + " SERVER_ADDRESS=127.0.0.1"
                    + " MANAGEMENT_SERVER_ADDRESS=127.0.0.1 COSELL_LOCAL_MODE=true"
                    + " KAFKA_BOOTSTRAP_SERVERS=localhost:9092 MONGODB_URI=mongodb://localhost:27017"
                    + " SMTP_HOST=localhost SMTP_PORT=2525 DEV_AUTH_ENABLED=true"
                    + " JWT_JWK_SET_URI=http://localhost:8080/dev/jwks.json JWT_ISSUER_URI=cosell-local"
                    + " COSELL_TEST_MARKER=passed-on");
        }
        assertThat(services).hasSizeGreaterThanOrEqualTo(CosellService.ALL.size());

        launcher.terminate();
        launcher.awaitExit(STOP_TIMEOUT);
        assertThat(services).noneMatch(ProcessHandle::isAlive);
        awaitFree(allPorts());
    }

    @Test
    void stopsEverythingAndExitsNonZeroWhenAServiceExitsBeforeItIsReady() throws Exception {
        FakeRepository repository = remember(FakeRepository.withFakeServices());
        LauncherProcess launcher = remember(LauncherProcess.start(repository.launcherJar(), repository.root(),
                Map.of("FAKE_SERVICE_FAIL_PORT", "8082"), "--in-memory"));

        assertThat(launcher.awaitExit(START_TIMEOUT)).isEqualTo(1);
        assertThat(launcher.outputText())
                .contains("[referral-service] failing on purpose")
                .contains("referral-service exited with code 3 before it was ready")
                .doesNotContain("Cosell is ready");
        assertThat(launcher.temporaryFiles()).isEmpty();
        awaitFree(allPorts());
    }

    @Test
    void aSigtermWhileAFailedStartIsCleanedUpWaitsForTheCleanUp() throws Exception {
        FakeRepository repository = remember(FakeRepository.withFakeServices());
        LauncherProcess launcher = remember(LauncherProcess.start(repository.launcherJar(), repository.root(),
                Map.of("FAKE_SERVICE_FAIL_PORT", "8084"), "--in-memory"));
        launcher.awaitOutput("expiry-scheduler exited with code 3 before it was ready", START_TIMEOUT);

        launcher.terminate();

        assertThat(launcher.awaitExit(STOP_TIMEOUT)).isNotZero();
        assertThat(launcher.outputText()).contains("Cosell stopped");
        assertThat(launcher.temporaryFiles()).isEmpty();
        awaitFree(allPorts());
    }

    private static List<Integer> allPorts() {
        List<Integer> ports = new ArrayList<>(INFRASTRUCTURE_PORTS);
        CosellService.ALL.forEach(service -> {
            ports.add(service.port());
            ports.add(service.managementPort());
        });
        return ports;
    }

    private static void awaitFree(List<Integer> ports) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ports).allMatch(RequiredPort::isFree));
    }

    private static void assertEveryTopicHasThreePartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.BOOTSTRAP_SERVERS))) {
            Map<String, TopicDescription> topics = admin.describeTopics(CosellTopics.all()).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics).containsOnlyKeys(CosellTopics.all());
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
        }
    }

    private static void assertKafkaDeliversARecord() throws Exception {
        String value = UUID.randomUUID().toString();
        produce("cosell.deals.events", value);
        assertThat(consume("cosell.deals.events", value).key()).isEqualTo("key-" + value);
    }

    private static void produce(String topic, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.BOOTSTRAP_SERVERS,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key-" + value, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static ConsumerRecord<String, String> consume(String topic, String value) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.BOOTSTRAP_SERVERS,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (value.equals(record.value())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static void assertMongoAnswers() {
        try (MongoClient mongo = MongoClients.create(EmbeddedMongo.URI)) {
            Document ping = mongo.getDatabase("admin").runCommand(new Document("ping", 1));
            assertThat(((Number) ping.get("ok")).doubleValue()).isEqualTo(1.0);
            MongoCollection<Document> markers = mongo.getDatabase("cosell-it").getCollection("markers");
            markers.insertOne(new Document("_id", "answers"));
            assertThat(markers.countDocuments()).isEqualTo(1);
        }
    }

    private static void assertSmtpMailIsLogged(LauncherProcess launcher) throws MessagingException {
        String subject = "Referral received " + UUID.randomUUID();
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "localhost");
        properties.put("mail.smtp.port", String.valueOf(SmtpSink.PORT));
        MimeMessage mail = new MimeMessage(Session.getInstance(properties));
        mail.setFrom(new InternetAddress("cosell@example.com"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress("partner-admin@example.com"));
        mail.setSubject(subject);
        mail.setText("A referral is waiting for you.");
        Transport.send(mail);

        launcher.awaitOutput("mail from=cosell@example.com to=partner-admin@example.com subject=\"" + subject + "\"",
                Duration.ofSeconds(10));
    }

    private <T extends AutoCloseable> T remember(T resource) {
        cleanUp.add(resource);
        return resource;
    }
}
