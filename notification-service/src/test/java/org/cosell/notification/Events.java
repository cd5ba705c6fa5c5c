package org.cosell.notification;

import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Events as the other services publish them: the golden samples with fresh ids and the test's own facts. */
final class Events {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Events() {
    }

    /** A record to publish: its topic, Kafka key, CloudEvent id and JSON. */
    record TestEvent(String topic, String key, String id, String json) {

        /** The same event under another Kafka key, e.g. one key for many events to keep them in order. */
        TestEvent keyed(String otherKey) {
            return new TestEvent(topic, otherKey, id, json);
        }

        /** The same event without {@code data.<field>}: still a CloudEvent, but one that cannot be handled. */
        TestEvent withoutData(String field) {
            ObjectNode event = (ObjectNode) JSON.readTree(json);
            ((ObjectNode) event.get("data")).remove(field);
            return new TestEvent(topic, key, id, JSON.writeValueAsString(event));
        }
    }

    /** A referral as the tests tell it: unique ids and a sender with its own mailbox. */
    record Referral(UUID id, String partnerId, String referralId, String dealName, String customerName,
                    String senderName, String senderEmail, Instant respondBy) {

        static Referral of(String partnerId) {
            UUID id = UUID.randomUUID();
            return new Referral(id, partnerId, "MSX-" + id.toString().substring(0, 8), "Contoso AI rollout " + id,
                    "Contoso Ltd", "Sam Seller", Mailboxes.unique("sender"),
                    Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS));
        }

        Referral named(String dealName, String customerName, String senderName) {
            return new Referral(id, partnerId, referralId, dealName, customerName, senderName, senderEmail, respondBy);
        }
    }

    static TestEvent received(Referral referral) {
        ObjectNode event = sample(EventType.REFERRAL_RECEIVED, referral.id());
        ObjectNode data = referralData(event, referral);
        ((ObjectNode) data.get("customer")).put("name", referral.customerName());
        ((ObjectNode) data.get("deal")).put("name", referral.dealName());
        data.put("respondBy", referral.respondBy().toString());
        return of(EventType.REFERRAL_RECEIVED, referral.id(), event);
    }

    static TestEvent accepted(Referral referral, String acceptedDealName) {
        ObjectNode event = sample(EventType.REFERRAL_ACCEPTED, referral.id());
        ObjectNode data = referralData(event, referral);
        ((ObjectNode) data.get("customer")).put("name", referral.customerName());
        ((ObjectNode) data.get("deal")).put("name", acceptedDealName);
        return of(EventType.REFERRAL_ACCEPTED, referral.id(), event);
    }

    static TestEvent declined(Referral referral) {
        ObjectNode event = sample(EventType.REFERRAL_DECLINED, referral.id());
        referralData(event, referral).put("reason", "NO_CAPACITY").put("notes", "Fully booked until June");
        return of(EventType.REFERRAL_DECLINED, referral.id(), event);
    }

    static TestEvent expired(Referral referral) {
        ObjectNode event = sample(EventType.REFERRAL_EXPIRED, referral.id());
        referralData(event, referral).put("respondBy", referral.respondBy().toString());
        return of(EventType.REFERRAL_EXPIRED, referral.id(), event);
    }

    /** {@code cosell.expiry.due.v1} of {@code kind} for {@code targetId}, keyed by {@code key}. */
    static TestEvent due(String kind, UUID targetId, String partnerId, String key) {
        ObjectNode event = sample(EventType.EXPIRY_DUE, targetId);
        ((ObjectNode) event.get("data")).put("kind", kind).put("targetId", targetId.toString())
                .put("partnerId", partnerId).put("dueAt", Instant.now().toString());
        return new TestEvent(EventType.EXPIRY_DUE.topic(), key, event.get("id").asString(), JSON.writeValueAsString(event));
    }

    static TestEvent dealCreated(UUID dealId, String partnerId, String dealName, String customerName) {
        ObjectNode event = sample(EventType.DEAL_CREATED, dealId);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("dealId", dealId.toString()).put("partnerId", partnerId);
        ((ObjectNode) data.get("customer")).put("name", customerName);
        ((ObjectNode) data.get("deal")).put("name", dealName);
        ((ObjectNode) data.get("deal").get("estimatedValue")).put("amount", "480000.00").put("currency", "EUR");
        return of(EventType.DEAL_CREATED, dealId, event);
    }

    static TestEvent engagementChanged(UUID dealId, String partnerId, String dealName, String status,
                                       List<String> employeeEmails) {
        ObjectNode event = sample(EventType.DEAL_ENGAGEMENT_CHANGED, dealId);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("dealId", dealId.toString()).put("partnerId", partnerId).put("dealName", dealName)
                .put("status", status);
        ArrayNode employees = data.putArray("employees");
        for (String email : employeeEmails) {
            employees.addObject().put("name", "Employee " + email).put("phone", "+1 425 555 0100").put("email", email);
        }
        return of(EventType.DEAL_ENGAGEMENT_CHANGED, dealId, event);
    }

    private static ObjectNode referralData(ObjectNode event, Referral referral) {
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("opportunityId", referral.id().toString())
                .put("referralId", referral.referralId())
                .put("partnerId", referral.partnerId());
        ((ObjectNode) data.get("sender")).put("name", referral.senderName()).put("email", referral.senderEmail());
        return data;
    }

    private static ObjectNode sample(EventType type, UUID subject) {
        ObjectNode event = (ObjectNode) JSON.readTree(GoldenSamples.json(type));
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", subject.toString());
        return event;
    }

    private static TestEvent of(EventType type, UUID key, ObjectNode event) {
        return new TestEvent(type.topic(), key.toString(), event.get("id").asString(), JSON.writeValueAsString(event));
    }
}
