package org.cosell.faults;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cosell.contracts.Topics;

/**
 * Where a set of offered referrals of one partner ended up: stored by referral-service, announced
 * on {@code cosell.referrals.events} ({@code received}), projected into deal-service's view.
 *
 * @param storedDocuments       referral documents of the partner
 * @param receivedRaw           {@code received} records on the topic
 * @param receivedEventIds      distinct event ids among them (a copy with the same id is one the consumers drop)
 * @param receivedReferralIds   distinct referral ids among them (two event ids for one referral would be a real duplicate)
 * @param lost                  sent referral ids not both stored and announced
 */
record ReferralCounts(long sent, long storedDocuments, long storedDistinct, long receivedRaw, long receivedEventIds,
                      long receivedReferralIds, long opportunities, long lost) {

    static ReferralCounts of(Stack stack, String partnerId, Set<String> sentReferralIds) {
        Database.StoredReferrals stored = stack.db().storedReferrals(partnerId);
        List<SeenRecord> received = received(stack, partnerId);
        Set<String> eventIds = new HashSet<>();
        Set<String> announced = new HashSet<>();
        for (SeenRecord record : received) {
            eventIds.add(record.eventId());
            announced.add(record.referralId());
        }
        Set<String> arrived = new HashSet<>(stored.referralIds());
        arrived.retainAll(announced);
        long lost = sentReferralIds.stream().filter(id -> !arrived.contains(id)).count();
        return new ReferralCounts(sentReferralIds.size(), stored.documents(), stored.referralIds().size(), received.size(),
                eventIds.size(), announced.size(), stack.db().countOpportunities(partnerId), lost);
    }

    static List<SeenRecord> received(Stack stack, String partnerId) {
        return stack.events().on(Topics.REFERRAL_EVENTS, record -> record.isReceived() && partnerId.equals(record.partnerId()));
    }

    static long announcedReferrals(Stack stack, String partnerId) {
        return received(stack, partnerId).stream().map(SeenRecord::referralId).distinct().count();
    }

    /** Stored twice, or announced by two different events: effects that happened more than once. */
    long duplicatedEffects() {
        return (storedDocuments - storedDistinct) + (receivedEventIds - receivedReferralIds)
                + Math.max(0, opportunities - receivedReferralIds);
    }

    /** The same event id on the topic more than once: re-sent by the outbox, dropped by consumers by id. */
    long rawDuplicates() {
        return receivedRaw - receivedEventIds;
    }

    String describe() {
        return String.format("stored %,d documents (%,d distinct referral ids), %,d received events (%,d event ids, "
                        + "%,d referral ids), %,d opportunities in deal-service", storedDocuments, storedDistinct, receivedRaw,
                receivedEventIds, receivedReferralIds, opportunities);
    }
}
