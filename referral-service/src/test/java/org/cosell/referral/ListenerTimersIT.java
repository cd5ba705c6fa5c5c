package org.cosell.referral;

import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * referral-service has a batch listener (the inbound offers) and a record listener (the expiry
 * notices): both keep their timings in the one {@code spring.kafka.listener} timer Prometheus shows.
 */
@CosellServiceTest
class ListenerTimersIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalManagementPort
    int managementPort;

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void theBatchListenerAndTheRecordListenerAreBothTimedInThePrometheusScrape() {
        String referralId = "REF-" + UUID.randomUUID();
        kafka.send(Topics.REFERRALS_INBOUND, referralId,
                ReferralIntakeIT.offered(referralId, ReferralIntakeIT.uniquePartnerId(), "urn:test:timers"));
        ObjectNode due = (ObjectNode) JSON.readTree(GoldenSamples.json(EventType.EXPIRY_DUE));
        String unknownReferral = UUID.randomUUID().toString();
        due.put("id", UUID.randomUUID().toString());
        due.put("subject", unknownReferral);
        ((ObjectNode) due.get("data")).put("targetId", unknownReferral);
        kafka.send(Topics.EXPIRY_DUE, unknownReferral, JSON.writeValueAsString(due));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(scrape().lines()
                .filter(line -> line.startsWith("spring_kafka_listener_seconds_count{")))
                .anySatisfy(line -> assertThat(line).contains("name=\"inbound-referrals-"))
                .anySatisfy(line -> assertThat(line).contains("name=\"referral-service-expiry-")));
    }

    private String scrape() throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
