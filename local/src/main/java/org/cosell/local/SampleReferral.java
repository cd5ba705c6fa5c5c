package org.cosell.local;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.Topics;
import org.cosell.stack.KafkaBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code send-referral}: plays an upstream seller system once, offering the golden sample referral
 * (with a fresh referral id and event id) to a partner on {@code cosell.referrals.inbound}, so the
 * README's tour needs no Kafka tooling. {@code --binary} writes it in the binary content mode of the
 * CloudEvents Kafka binding: the attributes as {@code ce_} headers, the offer alone as the value.
 */
final class SampleReferral {

    static final String USAGE = """
            Usage: java -jar local/target/cosell-local.jar send-referral [--partner <MPN id>] [--binary] [--bootstrap-servers <host:port>]

            Offers the sample referral to a partner (default 4412345) on cosell.referrals.inbound
            (default broker localhost:9092) and prints its referral id. --binary writes it in the
            CloudEvents binary content mode (ce_ headers, the offer alone as the value).""";

    private static final String SAMPLE_REFERRAL_ID = "MSX-REF-000123";
    private static final String SAMPLE_PARTNER_ID = "4412345";
    private static final String SAMPLE_EVENT_ID = "9b0e7c1a-2f3d-4a5b-8c6d-7e8f9a0b1c2d";

    private SampleReferral() {
    }

    static int run(String... args) throws Exception {
        String partnerId = SAMPLE_PARTNER_ID;
        String bootstrapServers = KafkaBroker.BOOTSTRAP_SERVERS;
        boolean binary = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--partner" -> partnerId = valueAfter(args, i++);
                case "--bootstrap-servers" -> bootstrapServers = valueAfter(args, i++);
                case "--binary" -> binary = true;
                default -> {
                    System.err.println("Unknown option: " + args[i]);
                    System.err.println(USAGE);
                    return 2;
                }
            }
        }
        if (!partnerId.matches("\\d{1,20}")) {
            System.err.println("--partner must be an MPN id (digits), not " + partnerId);
            return 2;
        }
        String referralId = "SAMPLE-" + UUID.randomUUID();
        String event = GoldenSamples.json(EventType.REFERRAL_OFFERED)
                .replace(SAMPLE_EVENT_ID, UUID.randomUUID().toString())
                .replace(SAMPLE_REFERRAL_ID, referralId)
                .replace("\"" + SAMPLE_PARTNER_ID + "\"", "\"" + partnerId + "\"");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000))) {
            producer.send(binary ? binaryMode(referralId, event) : new ProducerRecord<>(Topics.REFERRALS_INBOUND, referralId, event))
                    .get(30, TimeUnit.SECONDS);
        }
        System.out.println("Offered referral " + referralId + " to partner " + partnerId + " on " + Topics.REFERRALS_INBOUND
                + (binary ? " in binary content mode" : ""));
        return 0;
    }

    /** The structured {@code event} as a record in binary content mode: its attributes as headers, its data as the value. */
    private static ProducerRecord<String, String> binaryMode(String referralId, String event) {
        JsonNode envelope = JsonMapper.builder().build().readTree(event);
        List<Header> headers = new ArrayList<>();
        for (String attribute : List.of("specversion", "id", "source", "type", "subject", "time")) {
            headers.add(new RecordHeader("ce_" + attribute, envelope.path(attribute).asString().getBytes(StandardCharsets.UTF_8)));
        }
        headers.add(new RecordHeader("content-type", envelope.path("datacontenttype").asString().getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(Topics.REFERRALS_INBOUND, null, referralId, envelope.path("data").toString(), headers);
    }

    private static String valueAfter(String[] args, int index) {
        if (index + 1 >= args.length) {
            throw new IllegalArgumentException(args[index] + " needs a value");
        }
        return args[index + 1];
    }
}
