package org.cosell.support.kafka;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.Topics;
import org.cosell.contracts.referral.ReferralOffered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventCodecTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    @Test
    void readsABinaryModeRecordOnAnInboundTopicLikeItsStructuredTwin() {
        CloudEvent<Object> structured = codec.read(bytes(GoldenSamples.json(EventType.REFERRAL_OFFERED)));

        CloudEvent<Object> binary = codec.read(Topics.REFERRALS_INBOUND, binaryHeaders(structured),
                JSON.writeValueAsBytes(structured.data()));

        assertThat(binary).isEqualTo(structured);
    }

    @Test
    void readsARecordWithoutCloudEventHeadersOrWithTheStructuredContentTypeInStructuredMode() {
        byte[] json = bytes(GoldenSamples.json(EventType.REFERRAL_OFFERED));
        RecordHeaders structuredWithAttributeHeaders = new RecordHeaders();
        structuredWithAttributeHeaders.add("content-type", bytes(CloudEvent.CONTENT_TYPE));
        structuredWithAttributeHeaders.add("ce_id", bytes("ignored"));

        assertThat(codec.read(Topics.REFERRALS_INBOUND, new RecordHeaders(), json)).isEqualTo(codec.read(json));
        assertThat(codec.read(Topics.REFERRALS_INBOUND, structuredWithAttributeHeaders, json)).isEqualTo(codec.read(json));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ce_id=                        | not a CloudEvent: ce_id is missing",
            "ce_source=                    | not a CloudEvent: ce_source is missing",
            "ce_specversion=0.3            | not a CloudEvent: ce_specversion must be \"1.0\"",
            "ce_type=cosell.other.v1       | ce_type: unknown event type cosell.other.v1",
            "ce_time=yesterday             | ce_time: must be an RFC 3339 timestamp",
            "ce_subject=%257               | ce_subject: must be at most 256 characters",
            "content-type=text/plain       | content-type: data must be JSON (application/json), not text/plain",
            "ce_data={}                    | ce_data: not an attribute header of binary mode",
            "value={ not json              | data: not JSON",
            "value=[1]                     | data: a JSON object is required for cosell.referral.offered.v1",
            "value=                        | data: a JSON object is required for cosell.referral.offered.v1",
            "value={\"sentAt\": \"today\"} | data: does not match cosell.referral.offered.v1",
    })
    void refusesAMalformedBinaryModeRecordSayingWhy(String change, String reason) {
        CloudEvent<Object> offered = codec.read(bytes(GoldenSamples.json(EventType.REFERRAL_OFFERED)));
        RecordHeaders headers = binaryHeaders(offered);
        byte[] value = JSON.writeValueAsBytes(offered.data());
        String name = change.substring(0, change.indexOf('='));
        String text = change.substring(change.indexOf('=') + 1);
        text = text.matches("%\\d+") ? "x".repeat(Integer.parseInt(text.substring(1))) : text;
        if (name.equals("value")) {
            value = bytes(text);
        } else {
            headers.remove(name);
            headers.add(name, bytes(text));
        }
        byte[] record = value;

        assertThatThrownBy(() -> codec.read(Topics.REFERRALS_INBOUND, headers, record))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void refusesAnAttributeHeaderGivenTwiceOrNotInUtf8() {
        CloudEvent<Object> offered = codec.read(bytes(GoldenSamples.json(EventType.REFERRAL_OFFERED)));
        byte[] value = JSON.writeValueAsBytes(offered.data());
        RecordHeaders twice = binaryHeaders(offered);
        twice.add("ce_id", bytes("another"));
        RecordHeaders latin1 = binaryHeaders(offered);
        latin1.remove("ce_source");
        latin1.add("ce_source", new byte[] {'M', (byte) 0xFC, 'n'});

        assertThatThrownBy(() -> codec.read(Topics.REFERRALS_INBOUND, twice, value))
                .hasMessage("ce_id: given more than once");
        assertThatThrownBy(() -> codec.read(Topics.REFERRALS_INBOUND, latin1, value))
                .hasMessage("ce_source: must be a UTF-8 string");
    }

    @Test
    void takesBinaryModeOnlyOnTheTopicsWrittenOutsideCosell() {
        CloudEvent<Object> received = codec.read(bytes(GoldenSamples.json(EventType.REFERRAL_RECEIVED)));

        assertThatThrownBy(() -> codec.read(Topics.REFERRAL_EVENTS, binaryHeaders(received),
                JSON.writeValueAsBytes(received.data())))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("cosell.referrals.events takes no binary mode");
    }

    /** The attributes of {@code event} as the binary mode's headers, with an extension attribute. */
    private static RecordHeaders binaryHeaders(CloudEvent<?> event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes(event.specversion()));
        headers.add("ce_id", bytes(event.id()));
        headers.add("ce_source", bytes(event.source()));
        headers.add("ce_type", bytes(event.type()));
        if (event.subject() != null) {
            headers.add("ce_subject", bytes(event.subject()));
        }
        if (event.time() != null) {
            headers.add("ce_time", bytes(event.time().toString()));
        }
        headers.add("ce_partnerregion", bytes("emea"));
        headers.add("content-type", bytes(event.datacontenttype() == null ? "application/json" : event.datacontenttype()));
        headers.add("traceparent", bytes("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
