package org.cosell.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReferralsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void eachReferralIsTheGoldenSampleWithItsOwnIdsAtAboutOneKilobyte() {
        List<BenchReferrals.BenchReferral> referrals = BenchReferrals.make("BENCH-run1-", "7700001", 3);

        JsonNode first = JSON.readTree(new String(referrals.get(0).json(), StandardCharsets.UTF_8));
        JsonNode second = JSON.readTree(new String(referrals.get(1).json(), StandardCharsets.UTF_8));
        assertThat(first.get("type").asString()).isEqualTo("cosell.referral.offered.v1");
        assertThat(first.get("data").get("referralId").asString()).isEqualTo("BENCH-run1-0000000");
        assertThat(first.get("subject").asString()).isEqualTo("BENCH-run1-0000000");
        assertThat(first.get("data").get("targetPartnerId").asString()).isEqualTo("7700001");
        assertThat(first.get("source").asString()).isEqualTo(BenchReferrals.SENDER_SYSTEM);
        assertThat(first.get("id").asString()).isNotEqualTo(second.get("id").asString());
        assertThat(referrals.get(1).referralId()).isEqualTo("BENCH-run1-0000001");
        assertThat(referrals).allSatisfy(referral -> assertThat(referral.json().length).isBetween(1000, 1050));
    }

    @Test
    void onlyReceivedEventsOfTheRunAreCounted() {
        String received = "{\"type\":\"cosell.referral.received.v1\",\"data\":{\"id\":\"x\",\"referralId\":\"BENCH-run1-0000042\"}}";
        String accepted = received.replace("received", "accepted");
        String otherRun = received.replace("run1", "run2");
        String marker = "\"referralId\":\"BENCH-run1-";

        assertThat(IngestBenchmark.receivedReferralId(record(received), marker)).isEqualTo("BENCH-run1-0000042");
        assertThat(IngestBenchmark.receivedReferralId(record(accepted), marker)).isNull();
        assertThat(IngestBenchmark.receivedReferralId(record(otherRun), marker)).isNull();
    }

    private static ConsumerRecord<String, String> record(String value) {
        return new ConsumerRecord<>("cosell.referrals.events", 0, 0, "key", value);
    }
}
