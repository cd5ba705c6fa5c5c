package org.cosell.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack's infrastructure on its fixed ports, as the launcher and the fault suite run it. */
class InfrastructureIT {

    @TempDir
    Path data;

    @Test
    void theBrokerHasEveryContractTopicAndKeepsThemAcrossARestart() throws Exception {
        Path kafkaData = data.resolve("kafka");
        try (KafkaBroker broker = KafkaBroker.start(kafkaData)) {
            CosellTopics.createAll(KafkaBroker.BOOTSTRAP_SERVERS);
            assertThat(topics()).containsOnlyKeys(CosellTopics.all())
                    .allSatisfy((name, topic) -> assertThat(topic.partitions()).hasSize(CosellTopics.PARTITIONS));
        }

        try (KafkaBroker restarted = KafkaBroker.start(kafkaData); Admin admin = admin()) {
            CosellTopics.awaitLeaders(admin);
            assertThat(topics()).containsOnlyKeys(CosellTopics.all());
            // a second creation finds them all there and changes nothing
            CosellTopics.createAll(admin);
        }
    }

    @Test
    void theDatabaseOnDiskKeepsWhatWasWrittenAcrossARestartAndInMemoryKeepsNothing() throws Exception {
        Path mongoData = data.resolve("mongo");
        try (EmbeddedMongo database = EmbeddedMongo.startOnDisk(mongoData); MongoClient client = MongoClients.create(EmbeddedMongo.URI)) {
            collection(client).insertOne(new Document("_id", "kept"));
        }
        assertThat(Files.exists(mongoData.resolve("cosell.mv"))).isTrue();

        try (EmbeddedMongo database = EmbeddedMongo.startOnDisk(mongoData); MongoClient client = MongoClients.create(EmbeddedMongo.URI)) {
            assertThat(collection(client).countDocuments()).isEqualTo(1);
        }
        try (EmbeddedMongo database = EmbeddedMongo.startInMemory(); MongoClient client = MongoClients.create(EmbeddedMongo.URI)) {
            assertThat(collection(client).countDocuments()).isZero();
        }
    }

    @Test
    void theSmtpSinkHandsOnOneDeliveryPerRecipient() throws Exception {
        List<String> recipients = new CopyOnWriteArrayList<>();
        List<String> subjects = new CopyOnWriteArrayList<>();
        try (SmtpSink sink = SmtpSink.start((message, recipient) -> {
            recipients.add(recipient);
            subjects.add(subject(message.getMessage()));
        })) {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", "localhost");
            properties.put("mail.smtp.port", String.valueOf(SmtpSink.PORT));
            MimeMessage mail = new MimeMessage(Session.getInstance(properties));
            mail.setFrom(new InternetAddress("cosell@example.com"));
            mail.setRecipients(Message.RecipientType.TO, "a@partner.example, b@partner.example");
            mail.setSubject("Referral offered");
            mail.setText("hello");
            Transport.send(mail);
        }

        assertThat(recipients).containsExactlyInAnyOrder("a@partner.example", "b@partner.example");
        assertThat(subjects).containsOnly("Referral offered");
        assertThat(RequiredPort.isFree(SmtpSink.PORT)).isTrue();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("cosell-stack-test").getCollection("kept");
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.BOOTSTRAP_SERVERS));
    }

    private static Map<String, TopicDescription> topics() throws Exception {
        try (Admin admin = admin()) {
            return admin.describeTopics(CosellTopics.all()).allTopicNames().get(30, TimeUnit.SECONDS);
        }
    }
}
