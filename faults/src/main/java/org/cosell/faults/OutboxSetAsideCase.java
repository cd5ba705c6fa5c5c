package org.cosell.faults;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.Topics;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An outbox event larger than Kafka takes, among events it takes. Services refuse such a change
 * before they store it (and their limits keep every body and record far below the size), so the
 * case writes the documents straight into referral-service's database, as a path without that check
 * would: the relay's safety-net search finds them, publishes the small events once, sets the large
 * one aside in {@code outbox_quarantine} with its reason, and keeps relaying — referrals offered
 * afterwards are announced as usual.
 */
final class OutboxSetAsideCase implements FaultCase {

    private static final String PARTNER = "7300002";
    /** The partner of the hand-made documents, apart from the referrals counted afterwards. */
    private static final String HAND_MADE_PARTNER = "7300003";
    private static final int OVERSIZED_CHARACTERS = 2 * 1024 * 1024;
    private static final int REFERRALS_AFTER = 100;

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public String name() {
        return "outbox-oversized-event";
    }

    @Override
    public String kind() {
        return "fault";
    }

    @Override
    public String description() {
        return "a 2 MB event in an outbox between small ones: set aside with its reason, the small ones published "
                + "once, the relay keeps going";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        String oversized = UUID.randomUUID().toString();
        String sameDocument = UUID.randomUUID().toString();
        String otherDocument = UUID.randomUUID().toString();
        MongoCollection<Document> referrals = stack.db().referrals();
        UUID mixed = UUID.randomUUID();
        UUID plain = UUID.randomUUID();
        referrals.insertOne(aggregate(mixed, pending(oversized, mixed, OVERSIZED_CHARACTERS), pending(sameDocument, mixed, 0)));
        referrals.insertOne(aggregate(plain, pending(otherDocument, plain, 0)));
        report.note("stored two referral documents with 3 pending events, one of %,d characters", OVERSIZED_CHARACTERS);

        MongoCollection<Document> setAside = stack.db().referralsOutboxQuarantine();
        boolean relayed = Await.until(Duration.ofSeconds(60), () -> "waiting for the relay's search",
                () -> published(stack, sameDocument) > 0 && published(stack, otherDocument) > 0
                        && setAside.countDocuments(Filters.eq("_id", oversized)) == 1);
        report.expect(relayed, "the relay did not publish the small events and set the large one aside within 60 s");
        Await.sleep(Duration.ofSeconds(12));
        Document entry = setAside.find(Filters.eq("_id", oversized)).first();
        String reason = entry == null ? null : entry.getString("reason");
        report.note("set aside: %s", reason);
        report.expect(reason != null && reason.contains("RecordTooLargeException"), "set aside without the reason: %s", entry);
        report.expect(published(stack, oversized) == 0, "the oversized event reached Kafka");
        long pendingLeft = referrals.countDocuments(Filters.and(Filters.in("_id", mixed, plain),
                Filters.exists("pendingEvents.0")));
        report.expect(pendingLeft == 0, "%d documents still hold pending events", pendingLeft);
        long duplicates = published(stack, sameDocument) - 1 + published(stack, otherDocument) - 1;
        report.note("published: %d and %d times", published(stack, sameDocument), published(stack, otherDocument));

        Set<String> after = Ingest.referralIds("OUTBOX-AFTER", REFERRALS_AFTER);
        Ingest.acknowledged(Ingest.offerAll(stack.upstream(), PARTNER, after));
        ReferralCounts counts = Ingest.awaitTakenIn(stack, PARTNER, after, Duration.ofMinutes(2));
        report.note("referrals offered afterwards: %s", counts.describe());
        referrals.deleteMany(Filters.in("_id", mixed, plain));

        report.sent(3 + after.size());
        report.refused(entry == null ? 0 : 1);
        report.arrived(Math.min(1, published(stack, sameDocument)) + Math.min(1, published(stack, otherDocument))
                + counts.storedDistinct());
        report.lost((published(stack, sameDocument) == 0 ? 1 : 0) + (published(stack, otherDocument) == 0 ? 1 : 0)
                + counts.lost());
        report.duplicated(Math.max(0, duplicates) + counts.duplicatedEffects());
        return report.result();
    }

    private static long published(Stack stack, String eventId) {
        return stack.events().count(Topics.DEAL_OUTCOMES, record -> eventId.equals(record.eventId()));
    }

    private Document aggregate(UUID id, Document... events) {
        return new Document("_id", id).append("partnerId", HAND_MADE_PARTNER).append("senderSystem", "urn:cosell:faults:outbox")
                .append("referralId", "OUTBOX-" + id).append("pendingEvents", List.of(events));
    }

    /** An outcome event as the outbox keeps it; {@code padding} characters of notes make it as large as wanted. */
    private Document pending(String eventId, UUID opportunityId, int padding) {
        ObjectNode event = (ObjectNode) json.readTree(GoldenSamples.json(EventType.OPPORTUNITY_OUTCOME));
        event.put("id", eventId);
        event.put("subject", opportunityId.toString());
        ObjectNode data = event.withObjectProperty("data");
        data.put("opportunityId", opportunityId.toString());
        data.put("partnerId", HAND_MADE_PARTNER);
        data.put("notes", "x".repeat(padding));
        return new Document("eventId", eventId).append("topic", Topics.DEAL_OUTCOMES).append("key", opportunityId.toString())
                .append("type", EventType.OPPORTUNITY_OUTCOME.id()).append("json", json.writeValueAsString(event))
                .append("recordedAt", Date.from(Instant.now())).append("traceparent", null);
    }
}
