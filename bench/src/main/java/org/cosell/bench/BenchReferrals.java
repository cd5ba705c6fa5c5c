package org.cosell.bench;

import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Valid {@code cosell.referral.offered.v1} events made from the golden sample, each with its own
 * event id and referral id, padded (in {@code deal.notes}) to about 1 KB, all for one partner.
 */
final class BenchReferrals {

    static final String SENDER_SYSTEM = "urn:cosell:upstream:bench";
    static final int TARGET_BYTES = 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EVENT_ID = "@@EVENT_ID@@";
    private static final String REFERRAL_ID = "@@REFERRAL_ID@@";

    private BenchReferrals() {
    }

    /** One offered referral: its upstream id (also its Kafka key) and the CloudEvent bytes. */
    record BenchReferral(String referralId, byte[] json) {
    }

    /** Referral ids are {@code <prefix><n>}, n zero-padded, so a run's referrals are told apart from others. */
    static List<BenchReferral> make(String prefix, String partnerId, int count) {
        String template = template(partnerId, prefix.length() + 7);
        List<BenchReferral> referrals = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            String referralId = prefix + String.format(Locale.ROOT, "%07d", n);
            String json = template.replace(EVENT_ID, UUID.randomUUID().toString()).replace(REFERRAL_ID, referralId);
            referrals.add(new BenchReferral(referralId, json.getBytes(StandardCharsets.UTF_8)));
        }
        return referrals;
    }

    private static String filler(int length) {
        String sentence = " The customer wants a pilot in one region first, then a rollout to every site.";
        StringBuilder filler = new StringBuilder();
        while (filler.length() < length) {
            filler.append(sentence);
        }
        return filler.substring(0, length);
    }

    /** The compact golden sample with placeholders, its notes padded so a filled-in event is about {@link #TARGET_BYTES}. */
    static String template(String partnerId, int referralIdLength) {
        ObjectNode event = (ObjectNode) JSON.readTree(GoldenSamples.json(EventType.REFERRAL_OFFERED));
        event.put("id", EVENT_ID);
        event.put("source", SENDER_SYSTEM);
        event.put("subject", REFERRAL_ID);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("referralId", REFERRAL_ID);
        data.put("targetPartnerId", partnerId);
        ObjectNode deal = (ObjectNode) data.get("deal");
        String notes = deal.get("notes").asString();
        int filledLength = JSON.writeValueAsString(event).length()
                - 2 * REFERRAL_ID.length() + 2 * referralIdLength - EVENT_ID.length() + 36;
        int padding = Math.max(0, TARGET_BYTES - filledLength);
        deal.put("notes", notes + filler(padding));
        return JSON.writeValueAsString(event);
    }
}
