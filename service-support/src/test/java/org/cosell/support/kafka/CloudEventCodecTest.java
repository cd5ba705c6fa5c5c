package org.cosell.support.kafka;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.referral.ReferralOffered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventCodecTest {

    private final CloudEventCodec codec = new CloudEventCodec();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void readsEveryGoldenSampleAndWritesItBackReadable(EventType type) {
        CloudEvent<Object> event = codec.read(bytes(GoldenSamples.json(type)));

        assertThat(event.data()).isInstanceOf(type.dataType());
        assertThat(codec.read(codec.write(event))).isEqualTo(event);
    }

    @Test
    void givesTheOfferedReferralItsRecord() {
        CloudEvent<Object> event = codec.read(bytes(GoldenSamples.json(EventType.REFERRAL_OFFERED)));

        assertThat(event.data()).isInstanceOfSatisfying(ReferralOffered.class,
                offered -> assertThat(offered.referralId()).isEqualTo("MSX-REF-000123"));
        assertThat(event.source()).isEqualTo("urn:cosell:upstream:msx");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all                                   | not JSON",
            "[1, 2]                                            | a JSON object is expected",
            "{\"id\": \"1\", \"source\": \"s\", \"type\": \"t\"} | specversion must be",
            "{\"specversion\": \"1.0\", \"source\": \"s\", \"type\": \"t\"} | id is missing",
            "{\"specversion\": \"1.0\", \"id\": \"1\", \"source\": \"s\", \"type\": \"cosell.other.v1\", \"data\": {}} | unknown event type cosell.other.v1",
            "{\"specversion\": \"1.0\", \"id\": \"1\", \"source\": \"s\", \"type\": \"cosell.referral.offered.v1\"} | data: a JSON object is required",
            "{\"specversion\": \"1.0\", \"id\": \"1\", \"source\": \"s\", \"type\": \"cosell.referral.offered.v1\", \"data\": {\"sentAt\": \"yesterday\"}} | data: does not match cosell.referral.offered.v1"
    })
    void refusesWhatIsNotAKnownCloudEventSayingWhy(String json, String reason) {
        assertThatThrownBy(() -> codec.read(bytes(json)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void refusesAnEmptyRecord() {
        assertThatThrownBy(() -> codec.read(new byte[0])).isInstanceOf(InvalidEventException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
