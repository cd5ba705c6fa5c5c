package org.cosell.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestJwtIssuer;
import org.cosell.testsupport.TestUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every integration test of this module shares: the service against the shared Kafka and
 * MongoDB ({@link CosellServiceTest}), pointed at the JVM's one {@link SmtpServer}, with delivery
 * timings short enough for an outage to play out in seconds. Every IT extends this class and adds
 * nothing to the context configuration, so the module starts one Spring context.
 */
@CosellServiceTest
abstract class AbstractNotificationIT {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String EVENTS_LISTENER = "notification-service-events";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    final KafkaTestClient kafka = KafkaTestClient.shared();
    final TestJwtIssuer tokens = TestJwtIssuer.get();
    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void mailServerAndQuickRetries(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SmtpServer::port);
        registry.add("cosell.mail.poll-interval", () -> "200ms");
        registry.add("cosell.mail.initial-backoff", () -> "200ms");
        registry.add("cosell.mail.max-backoff", () -> "1s");
        registry.add("resilience4j.circuitbreaker.instances.smtp.wait-duration-in-open-state", () -> "1s");
        registry.add("resilience4j.retry.instances.smtp.wait-duration", () -> "50ms");
        registry.add("cosell.portal-url", () -> PORTAL_URL + "/");
    }

    /** The portal's address the mails link to, as COSELL_PORTAL_URL (with a trailing slash, which links leave out). */
    static final String PORTAL_URL = "https://partners.cosell.example";

    /** Both parts of {@code mail} link the opportunity's page in the portal. */
    static void assertLinksTheOpportunity(MimeMessage mail, UUID opportunityId) {
        String page = PORTAL_URL + "/opportunities/" + opportunityId;
        assertThat(textOf(mail)).containsPattern(Pattern.quote("Open it in Cosell: " + page) + "\\s");
        assertThat(htmlOf(mail)).contains("<a href=\"" + page + "\"");
    }

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    void publish(Events.TestEvent... events) {
        for (Events.TestEvent event : events) {
            kafka.send(event.topic(), event.key(), event.json());
        }
    }

    /**
     * Publishes while the service's listener is stopped, so that once started again it gets them
     * all in its first poll (records of one key in their order, on one partition): what a burst
     * looks like to it. Stopped rather than paused: a fetch in flight when the listener pauses would
     * still bring the first record published, alone.
     */
    void publishInOneBatch(List<Events.TestEvent> events) {
        inOneBatch(() -> events.forEach(this::publish));
    }

    void inOneBatch(Runnable publishing) {
        MessageListenerContainer listener = listeners.getListenerContainer(EVENTS_LISTENER);
        listener.stop();
        try {
            publishing.run();
        } finally {
            listener.start();
        }
    }

    /** Sets the partner's referral recipients as its admin would, leaving the mail language as it was. */
    void referralRecipients(String partnerId, String... addresses) {
        saveSettings(partnerId, Map.of("referralRecipients", List.of(addresses)));
    }

    /** Sets the partner's referral recipients and the language its people read mails in ({@code en}, {@code it}). */
    void notificationSettings(String partnerId, String language, String... addresses) {
        saveSettings(partnerId, Map.of("referralRecipients", List.of(addresses), "language", language));
    }

    private void saveSettings(String partnerId, Map<String, Object> settings) {
        HttpResponse<String> response = put("/api/notification-settings", TestUser.partnerAdmin(partnerId),
                JSON.writeValueAsString(settings));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Waits until {@code count} messages reached {@code address} and answers them. */
    List<MimeMessage> awaitMails(String address, int count) {
        return await("%d mail(s) to %s".formatted(count, address)).atMost(TIMEOUT)
                .until(() -> SmtpServer.messagesTo(address), messages -> messages.size() >= count);
    }

    MimeMessage awaitMail(String address) {
        List<MimeMessage> messages = awaitMails(address, 1);
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    /** The partner's mail log as {@code GET /api/notifications} answers it (first page of 100). */
    List<JsonNode> notifications(String partnerId) {
        HttpResponse<String> response = get("/api/notifications?size=100", TestUser.referralsAdmin(partnerId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(response.body()).get("items").spliterator(), false).toList();
    }

    /** The value of one Prometheus sample whose line starts with {@code series}, or 0 when absent. */
    double metric(String series) {
        String[] lines = management("/actuator/prometheus").body().split("\n");
        List<String> matches = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(series)) {
                matches.add(line);
            }
        }
        return matches.isEmpty() ? 0 : Double.parseDouble(matches.get(0).substring(matches.get(0).lastIndexOf(' ') + 1));
    }

    /** Actuator, which answers only on the management port. */
    HttpResponse<String> management(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path)).build());
    }

    HttpResponse<String> get(String path, TestUser user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (user != null) {
            request.header("Authorization", tokens.bearer(user));
        }
        return send(request.build());
    }

    HttpResponse<String> put(String path, TestUser user, String json) {
        return put(path, user, "application/json", json);
    }

    HttpResponse<String> put(String path, TestUser user, String contentType, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (user != null) {
            request.header("Authorization", tokens.bearer(user));
        }
        return send(request.build());
    }

    static String uniquePartnerId() {
        return Long.toString(1_000_000 + ThreadLocalRandom.current().nextLong(8_999_999));
    }

    static String textOf(MimeMessage message) {
        try {
            return MimeContent.text(message);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String htmlOf(MimeMessage message) {
        try {
            return MimeContent.html(message);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
