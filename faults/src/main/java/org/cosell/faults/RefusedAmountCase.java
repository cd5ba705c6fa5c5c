package org.cosell.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.Topics;
import org.cosell.stack.KafkaBroker;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An amount of 40 significant digits (more than Decimal128 holds) between two valid records of
 * other partners, on one partition: once as an offered referral (referral-service refuses it by the
 * amount rule) and once as a {@code received} event straight on {@code cosell.referrals.events}
 * (deal-service's database refuses it). Only the culprit is dead-lettered, each time, and both its
 * neighbours are visible over REST within 5 s — a batch failure is no longer blamed on the batch's
 * first record, nor are the records after it held up by the retries.
 */
final class RefusedAmountCase implements FaultCase {

    private static final String FORTY_DIGITS = "1234567890123456789012345678901234567.891";
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public String name() {
        return "refused-amount";
    }

    @Override
    public String kind() {
        return "fault";
    }

    @Override
    public String description() {
        return "a 40-digit amount between two valid records, inbound and on the referral events: only it dead-lettered, "
                + "both neighbours visible within 5 s";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Api api = stack.api();
        List<String> partners = List.of("7300011", "7300012", "7300013");
        List<String> tokens = partners.stream().map(partner -> api.token("amount-user", partner, "REFERRALS_ADMIN")).toList();
        long arrived = 0;
        long refused = 0;

        // inbound: referral-service's rules refuse the amount
        String key = "AMOUNT-" + UUID.randomUUID();
        List<String> referralIds = List.of(key + "-before", key + "-culprit", key + "-after");
        Upstream upstream = stack.upstream();
        for (int i = 0; i < 3; i++) {
            ObjectNode offer = upstream.offer(referralIds.get(i), partners.get(i));
            if (i == 1) {
                offer.withObjectProperty("data").withObjectProperty("deal").withObjectProperty("estimatedValue")
                        .put("amount", FORTY_DIGITS);
            }
            upstream.send(Topics.REFERRALS_INBOUND, key, offer).get();
        }
        Instant sent = Instant.now();
        boolean inboundVisible = Await.until(VISIBLE_WITHIN, () -> "neighbours of the inbound culprit",
                () -> visibleOffer(stack, api, tokens.get(0), partners.get(0), referralIds.get(0))
                        && visibleOffer(stack, api, tokens.get(2), partners.get(2), referralIds.get(2)));
        report.note("inbound neighbours visible %s after the sends", inboundVisible
                ? Duration.between(sent, Instant.now()).toMillis() + " ms" : "not within " + VISIBLE_WITHIN.toSeconds() + " s");
        report.expect(inboundVisible, "the inbound culprit's neighbours were not both visible within %d s", VISIBLE_WITHIN.toSeconds());
        arrived += inboundVisible ? 2 : 0;
        Await.until(Duration.ofSeconds(30), () -> "the inbound culprit on the DLT",
                () -> stack.events().count(Topics.deadLetter(Topics.REFERRALS_INBOUND), record -> key.equals(record.key())) > 0);
        List<SeenRecord> inboundLetters = stack.events().on(Topics.deadLetter(Topics.REFERRALS_INBOUND),
                record -> key.equals(record.key()));
        report.note("inbound dead letters: %s", inboundLetters.stream().map(SeenRecord::error).toList());
        report.expect(inboundLetters.size() == 1 && inboundLetters.get(0).error().contains("data.deal.estimatedValue.amount"),
                "expected one inbound dead letter naming the amount, got %d", inboundLetters.size());
        refused += inboundLetters.size() == 1 ? 1 : 0;

        // referral events: deal-service's database refuses the amount
        UUID before = UUID.randomUUID();
        UUID culprit = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        List<UUID> ids = List.of(before, culprit, after);
        for (int i = 0; i < 3; i++) {
            ObjectNode received = received(ids.get(i), partners.get(i));
            if (i == 1) {
                received.withObjectProperty("data").withObjectProperty("deal").withObjectProperty("estimatedValue")
                        .put("amount", FORTY_DIGITS);
            }
            upstream.send(Topics.REFERRAL_EVENTS, before.toString(), received).get();
        }
        sent = Instant.now();
        boolean eventsVisible = Await.until(VISIBLE_WITHIN, () -> "neighbours of the referral-event culprit",
                () -> visible(api, tokens.get(0), before) && visible(api, tokens.get(2), after));
        report.note("referral-event neighbours visible %s after the sends", eventsVisible
                ? Duration.between(sent, Instant.now()).toMillis() + " ms" : "not within " + VISIBLE_WITHIN.toSeconds() + " s");
        report.expect(eventsVisible, "the referral-event culprit's neighbours were not both visible within %d s",
                VISIBLE_WITHIN.toSeconds());
        arrived += eventsVisible ? 2 : 0;
        List<DeadLetterReader.Letter> letters = DeadLetterReader.awaitLetters(KafkaBroker.BOOTSTRAP_SERVERS,
                Topics.deadLetter(Topics.REFERRAL_EVENTS), seen -> seen.stream().anyMatch(letter -> contains(letter, culprit)),
                Duration.ofSeconds(30));
        List<DeadLetterReader.Letter> culpritLetters = letters.stream().filter(letter -> contains(letter, culprit)).toList();
        long neighbourLetters = letters.stream().filter(letter -> contains(letter, before) || contains(letter, after)).count();
        report.note("referral-event dead letters of the culprit: %s", culpritLetters.stream().map(DeadLetterReader.Letter::error).toList());
        report.expect(culpritLetters.stream().anyMatch(letter -> letter.error() != null
                && letter.error().startsWith("data: could not be stored")),
                "the culprit was not dead-lettered as not storable");
        report.expect(neighbourLetters == 0, "%d dead letters of the culprit's neighbours", neighbourLetters);
        report.expect(!visible(api, tokens.get(1), culprit), "the culprit became an opportunity");
        refused += culpritLetters.isEmpty() ? 0 : 1;

        report.sent(6).arrived(arrived).refused(refused);
        report.lost(4 - arrived);
        report.duplicated(neighbourLetters);
        return report.result();
    }

    private boolean visibleOffer(Stack stack, Api api, String token, String partnerId, String referralId) {
        return ReferralCounts.received(stack, partnerId).stream()
                .filter(record -> referralId.equals(record.referralId()))
                .anyMatch(record -> visible(api, token, UUID.fromString(record.subjectId())));
    }

    private static boolean visible(Api api, String token, UUID opportunityId) {
        return api.get(Api.GATEWAY + "/api/opportunities/" + opportunityId, token).status() == 200;
    }

    private static boolean contains(DeadLetterReader.Letter letter, UUID id) {
        return letter.value() != null && letter.value().contains(id.toString());
    }

    /** A {@code cosell.referral.received.v1} event as referral-service would publish it. */
    private ObjectNode received(UUID opportunityId, String partnerId) {
        ObjectNode event = (ObjectNode) json.readTree(GoldenSamples.json(EventType.REFERRAL_RECEIVED));
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", opportunityId.toString());
        ObjectNode data = event.withObjectProperty("data");
        data.put("opportunityId", opportunityId.toString());
        data.put("referralId", "AMOUNT-" + opportunityId);
        data.put("partnerId", partnerId);
        data.put("receivedAt", Instant.now().toString());
        data.put("respondBy", Instant.now().plus(Duration.ofDays(14)).toString());
        return event;
    }
}
