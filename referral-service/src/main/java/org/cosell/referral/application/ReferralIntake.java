package org.cosell.referral.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.cosell.contracts.EventType;
import org.cosell.contracts.referral.ReferralOffered;
import org.cosell.referral.config.ReferralProperties;
import org.cosell.referral.domain.Referral;
import org.cosell.support.UnorderedInserts;
import org.cosell.support.outbox.EventRecorder;
import org.cosell.support.outbox.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Takes in referrals offered by upstream sender systems. A referral offered again by the same
 * sender system is already here: the unique index on (sender system, referral id) makes the second
 * insert a no-op, whatever its event id, so it is stored once and announced once.
 * <p>
 * Referrals are stored in batches: one unordered bulk insert for all the referrals of a poll, in
 * which a duplicate fails alone and its neighbours are stored — one round trip instead of one per
 * referral, the difference between a few hundred and several thousand referrals a second.
 */
@Service
public class ReferralIntake {

    private static final Logger log = LoggerFactory.getLogger(ReferralIntake.class);

    private final MongoTemplate mongo;
    private final ObjectProvider<OutboxRelay> relay;
    private final EventRecorder events;
    private final ReferralProperties properties;
    private final Clock clock;
    private final Counter received;

    public ReferralIntake(MongoTemplate mongo, ObjectProvider<OutboxRelay> relay, EventRecorder events,
                          ReferralProperties properties, Clock clock, MeterRegistry meterRegistry) {
        this.mongo = mongo;
        this.relay = relay;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.received = Counter.builder("cosell.referrals.received")
                .description("Referrals stored RECEIVED (duplicates not counted)")
                .register(meterRegistry);
    }

    /** Stores the offered referral unless this sender system offered it before; answers whether it was new. */
    public boolean receive(String senderSystem, ReferralOffered offer) {
        return store(List.of(admit(senderSystem, offer))) == 1;
    }

    /**
     * The referral an offer makes: RECEIVED, with its {@code received} event recorded (in the trace
     * current now), not stored yet.
     */
    public Referral admit(String senderSystem, ReferralOffered offer) {
        Referral referral = Referral.receive(UUID.randomUUID(), senderSystem, offer, clock.instant(),
                properties.responseWindow());
        referral.recordEvent(events.record(EventType.REFERRAL_RECEIVED, referral.id().toString(), referral.received()));
        return referral;
    }

    /**
     * Stores admitted referrals, with their events, in one unordered bulk insert. One a sender system
     * offered before (a duplicate key) is skipped alone. Answers how many were new.
     *
     * @throws DataAccessException when the database failed for another reason; nothing can be
     *                             assumed stored then, and storing all of them again is safe
     */
    public int store(List<Referral> admitted) {
        if (admitted.isEmpty()) {
            return 0;
        }
        String collection = mongo.getCollectionName(Referral.class);
        List<Document> documents = new ArrayList<>(admitted.size());
        for (Referral referral : admitted) {
            documents.add(documentOf(referral));
        }
        Set<Integer> duplicates;
        try {
            duplicates = UnorderedInserts.insertIgnoringTakenIds(mongo, collection, documents);
        } catch (RuntimeException failed) {
            // An unordered insert may have stored some before it failed; inserted again they count as offered
            // before, so only a search finds their events.
            relay.ifAvailable(OutboxRelay::wakeUp);
            throw failed;
        }
        if (!duplicates.isEmpty()) {
            log.debug("{} of {} referrals were offered before", duplicates.size(), admitted.size());
        }
        List<Document> stored = new ArrayList<>(documents.size() - duplicates.size());
        for (int index = 0; index < documents.size(); index++) {
            if (!duplicates.contains(index)) {
                stored.add(documents.get(index));
            }
        }
        if (!stored.isEmpty()) {
            received.increment(stored.size());
            relay.ifAvailable(outbox -> outbox.saved(collection, stored));
        }
        return stored.size();
    }

    private Document documentOf(Referral referral) {
        Document document = new Document();
        mongo.getConverter().write(referral, document);
        document.put("version", 0L);
        return document;
    }
}
