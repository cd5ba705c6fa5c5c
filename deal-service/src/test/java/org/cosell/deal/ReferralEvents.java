package org.cosell.deal;

import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** referral-service's events for one opportunity, made from the golden samples with fresh ids. */
public final class ReferralEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UUID opportunityId;
    private final String partnerId;

    public ReferralEvents(UUID opportunityId, String partnerId) {
        this.opportunityId = opportunityId;
        this.partnerId = partnerId;
    }

    public String received(String dealName) {
        ObjectNode event = sample(EventType.REFERRAL_RECEIVED);
        ((ObjectNode) event.get("data").get("deal")).put("name", dealName);
        return JSON.writeValueAsString(event);
    }

    public String accepted(String dealName) {
        ObjectNode event = sample(EventType.REFERRAL_ACCEPTED);
        ((ObjectNode) event.get("data").get("deal")).put("name", dealName);
        return JSON.writeValueAsString(event);
    }

    public String declined() {
        return JSON.writeValueAsString(sample(EventType.REFERRAL_DECLINED));
    }

    public String expired() {
        return JSON.writeValueAsString(sample(EventType.REFERRAL_EXPIRED));
    }

    private ObjectNode sample(EventType type) {
        ObjectNode event = (ObjectNode) JSON.readTree(GoldenSamples.json(type));
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", opportunityId.toString());
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("opportunityId", opportunityId.toString());
        data.put("referralId", "REF-" + opportunityId);
        data.put("partnerId", partnerId);
        return event;
    }
}
