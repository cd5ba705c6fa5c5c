package org.cosell.deal;

import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
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

    /** Received at {@code receivedAt}, accepted {@code after} that. */
    public String accepted(String dealName, Instant receivedAt, Duration after) {
        ObjectNode event = (ObjectNode) JSON.readTree(accepted(dealName));
        ((ObjectNode) event.get("data")).put("receivedAt", receivedAt.toString())
                .put("acceptedAt", receivedAt.plus(after).toString());
        return JSON.writeValueAsString(event);
    }

    /** Received at {@code receivedAt}, declined {@code after} that. */
    public String declined(Instant receivedAt, Duration after) {
        ObjectNode event = sample(EventType.REFERRAL_DECLINED);
        ((ObjectNode) event.get("data")).put("receivedAt", receivedAt.toString())
                .put("declinedAt", receivedAt.plus(after).toString());
        return JSON.writeValueAsString(event);
    }

    /** Received, for a customer of that name and place. */
    public String received(String dealName, String customerName, String city, String country) {
        ObjectNode event = (ObjectNode) JSON.readTree(received(dealName));
        ObjectNode customer = (ObjectNode) event.get("data").get("customer");
        customer.put("name", customerName).putNull("dunsNumber");
        ((ObjectNode) customer.get("address")).put("city", city).put("country", country);
        return JSON.writeValueAsString(event);
    }

    /** Received at {@code receivedAt}, waiting for an answer until 14 days later. */
    public String received(String dealName, Instant receivedAt) {
        ObjectNode event = (ObjectNode) JSON.readTree(received(dealName));
        ((ObjectNode) event.get("data")).put("receivedAt", receivedAt.toString())
                .put("respondBy", receivedAt.plus(Duration.ofDays(14)).toString());
        return JSON.writeValueAsString(event);
    }

    /** Accepted at {@code acceptedAt} by the user {@code sub} called {@code name}. */
    public String acceptedBy(String dealName, Instant receivedAt, Instant acceptedAt, String sub, String name) {
        ObjectNode event = (ObjectNode) JSON.readTree(accepted(dealName));
        ObjectNode data = ((ObjectNode) event.get("data")).put("receivedAt", receivedAt.toString())
                .put("acceptedAt", acceptedAt.toString());
        data.putObject("actor").put("sub", sub).put("name", name);
        return JSON.writeValueAsString(event);
    }

    /** Declined with {@code reason} and {@code notes} by the user {@code sub} called {@code name}. */
    public String declinedBy(String reason, String notes, String sub, String name) {
        ObjectNode event = sample(EventType.REFERRAL_DECLINED);
        ObjectNode data = ((ObjectNode) event.get("data")).put("reason", reason).put("notes", notes);
        data.putObject("actor").put("sub", sub).put("name", name);
        return JSON.writeValueAsString(event);
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
