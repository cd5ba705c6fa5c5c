package org.cosell.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.cosell.contracts.Topics;
import tools.jackson.databind.node.ObjectNode;

/**
 * Poison records interleaved with valid referrals on {@code cosell.referrals.inbound} — not JSON,
 * random bytes, not a CloudEvent, the wrong or an unknown type, data that breaks the rules, empty
 * values and tombstones: every valid one stored and announced once, every poison one on the DLT with
 * a {@code cosell-error} header, none stored.
 */
final class PoisonRecordsCase implements FaultCase {

    private static final String PARTNER = "7200001";
    private static final String POISON_PREFIX = "POISON-BAD-";
    private static final int KINDS = 12;

    @Override
    public String name() {
        return "poison-records";
    }

    @Override
    public String kind() {
        return "fault";
    }

    @Override
    public String description() {
        return Sizes.POISON_RECORDS + " poison records among " + Sizes.POISON_VALID
                + " valid ones: all valid stored once, all poison on the DLT with a reason";
    }

    @Override
    public boolean freshStack() {
        return true;
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Upstream upstream = stack.upstream();
        Set<String> valid = Ingest.referralIds("POISON-VALID", Sizes.POISON_VALID);
        int every = Math.max(1, Sizes.POISON_VALID / Math.max(1, Sizes.POISON_RECORDS));
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
        Set<String> poisonKeys = new HashSet<>();
        Random random = new Random(7);
        int index = 0;
        int poisoned = 0;
        for (String referralId : valid) {
            sends.add(upstream.sendOffer(upstream.offer(referralId, PARTNER)));
            if (++index % every == 0 && poisoned < Sizes.POISON_RECORDS) {
                String key = POISON_PREFIX + String.format("%05d", poisoned);
                poisonKeys.add(key);
                sends.add(upstream.send(Topics.REFERRALS_INBOUND, key, poison(upstream, poisoned % KINDS, key, random)));
                poisoned++;
            }
        }
        upstream.flush();
        long failed = Ingest.acknowledged(sends);
        report.sent(sends.size() - failed);
        report.expect(failed == 0, "%d sends not acknowledged", failed);
        report.note("sent %,d valid referrals and %,d poison records of %d kinds, one after every %d valid ones",
                valid.size(), poisoned, KINDS, every);

        ReferralCounts counts = Ingest.awaitTakenIn(stack, PARTNER, valid, Duration.ofMinutes(6));
        String deadLetters = Topics.deadLetter(Topics.REFERRALS_INBOUND);
        Await.until(Duration.ofMinutes(2), () -> deadLettered(stack, deadLetters) + " of " + poisonKeys.size() + " dead-lettered",
                () -> deadLettered(stack, deadLetters) >= poisonKeys.size());
        Await.settled(() -> stack.events().count(deadLetters, record -> isPoison(record.key())), Duration.ofSeconds(3),
                Duration.ofSeconds(30));
        List<SeenRecord> letters = stack.events().on(deadLetters, record -> isPoison(record.key()));
        Set<String> letterKeys = new HashSet<>();
        long withReason = 0;
        for (SeenRecord letter : letters) {
            letterKeys.add(letter.key());
            if (letter.error() != null && !letter.error().isBlank()) {
                withReason++;
            }
        }
        report.note("valid: %s", counts.describe());
        report.note("dead letters: %,d records for %,d of %,d poison keys, %,d with a cosell-error header; e.g. \"%s\"",
                letters.size(), letterKeys.size(), poisonKeys.size(), withReason,
                letters.isEmpty() ? "" : letters.get(letters.size() / 2).error());
        report.expect(letterKeys.size() == poisonKeys.size(), "%d poison records never reached the DLT (kinds: %s)",
                poisonKeys.size() - letterKeys.size(), missingKinds(poisonKeys, letterKeys));
        report.expect(withReason == letters.size(), "%d dead letters carry no cosell-error header", letters.size() - withReason);
        report.expect(counts.storedDocuments() == counts.storedDistinct() && counts.storedDistinct() == valid.size(),
                "%,d referral documents for %,d valid referrals (poison stored?)", counts.storedDocuments(), valid.size());
        report.arrived(counts.storedDistinct()).refused(letterKeys.size());
        report.lost(counts.lost());
        report.duplicated(counts.duplicatedEffects() + counts.rawDuplicates() + (letters.size() - letterKeys.size()));
        return report.result();
    }

    private static long deadLettered(Stack stack, String deadLetters) {
        return stack.events().on(deadLetters, record -> isPoison(record.key())).stream().map(SeenRecord::key).distinct().count();
    }

    private static boolean isPoison(String key) {
        return key != null && key.startsWith(POISON_PREFIX);
    }

    private static Set<Integer> missingKinds(Set<String> sent, Set<String> arrived) {
        Set<Integer> kinds = new TreeSet<>();
        for (String key : sent) {
            if (!arrived.contains(key)) {
                kinds.add(Integer.parseInt(key.substring(POISON_PREFIX.length())) % KINDS);
            }
        }
        return kinds;
    }

    /** The poison of one kind, addressed to the case's partner so that a stored one would be counted. */
    private static byte[] poison(Upstream upstream, int kind, String key, Random random) {
        switch (kind) {
            case 0:
                return "this is not JSON {".getBytes(StandardCharsets.UTF_8);
            case 1:
                byte[] garbage = new byte[64 + random.nextInt(512)];
                random.nextBytes(garbage);
                return garbage;
            case 2:
                return "[1,2,3]".getBytes(StandardCharsets.UTF_8);
            case 3:
                return bytes(upstream, offer(upstream, key).put("specversion", (String) null));
            case 4:
                return bytes(upstream, offer(upstream, key).put("type", "cosell.referral.accepted.v1"));
            case 5:
                return bytes(upstream, offer(upstream, key).put("type", "cosell.referral.offered.v9"));
            case 6: {
                ObjectNode offer = offer(upstream, key);
                offer.withObjectProperty("data").remove("targetPartnerId");
                return bytes(upstream, offer);
            }
            case 7: {
                ObjectNode offer = offer(upstream, key);
                offer.withObjectProperty("data").withObjectProperty("customer").withObjectProperty("address").put("country", "XX");
                offer.withObjectProperty("data").withObjectProperty("deal").withObjectProperty("estimatedValue").put("amount", "-5");
                return bytes(upstream, offer);
            }
            case 8: {
                ObjectNode offer = offer(upstream, key);
                offer.withObjectProperty("data").withObjectProperty("sender").put("email", "not-an-address");
                offer.withObjectProperty("data").put("referralId", key + "-" + "x".repeat(300));
                return bytes(upstream, offer);
            }
            case 9:
                return bytes(upstream, offer(upstream, key).put("data", "a string, not an object"));
            case 10:
                return new byte[0];
            default:
                return null;
        }
    }

    private static ObjectNode offer(Upstream upstream, String key) {
        return upstream.offer(key, PARTNER);
    }

    private static byte[] bytes(Upstream upstream, ObjectNode event) {
        return upstream.json(event).getBytes(StandardCharsets.UTF_8);
    }
}
