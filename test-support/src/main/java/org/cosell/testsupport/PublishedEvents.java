package org.cosell.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.cosell.contracts.asyncapi.AsyncApiSchemas;

/**
 * What a producer published, checked against both things its consumers rely on: the golden sample
 * of its type (the shape consumers' tests are written against) and the message of the AsyncAPI
 * document (its {@code data} schema and its Kafka headers).
 */
public final class PublishedEvents {

    private PublishedEvents() {
    }

    /** @throws AssertionError naming every way the record differs from its sample or its message */
    public static void assertConforms(ConsumerRecord<String, String> record) {
        GoldenShape.assertMatchesGoldenSample(record.value());
        AsyncApiSchemas.validate(record.value(), headers(record));
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
