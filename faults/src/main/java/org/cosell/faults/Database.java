package org.cosell.faults;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.UuidRepresentation;

/** Reads what the services stored, straight from their databases (each service has its own). */
final class Database implements AutoCloseable {

    private final MongoClient client;

    Database(String uri) {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(2, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS))
                .build());
    }

    boolean ping() {
        try {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
            return true;
        } catch (RuntimeException down) {
            return false;
        }
    }

    MongoCollection<Document> referrals() {
        return client.getDatabase("cosell-referrals").getCollection("referrals");
    }

    MongoCollection<Document> opportunities() {
        return client.getDatabase("cosell-deals").getCollection("opportunities");
    }

    /** The outbox events Kafka refused for good, which referral-service's relay set aside. */
    MongoCollection<Document> referralsOutboxQuarantine() {
        return client.getDatabase("cosell-referrals").getCollection("outbox_quarantine");
    }

    MongoCollection<Document> timers() {
        return client.getDatabase("cosell-expiry").getCollection("timers");
    }

    /** Referral ids referral-service stored for a partner, as a set (a duplicate would shrink it against the count). */
    StoredReferrals storedReferrals(String partnerId) {
        long documents = 0;
        Set<String> referralIds = new HashSet<>();
        for (Document referral : referrals().find(Filters.eq("partnerId", partnerId))
                .projection(new Document("referralId", 1))) {
            documents++;
            referralIds.add(referral.getString("referralId"));
        }
        return new StoredReferrals(documents, referralIds);
    }

    record StoredReferrals(long documents, Set<String> referralIds) {
    }

    /** Referral documents of a partner; -1 while the database does not answer. */
    long countReferrals(String partnerId) {
        try {
            return referrals().countDocuments(Filters.eq("partnerId", partnerId));
        } catch (RuntimeException down) {
            return -1;
        }
    }

    /** Opportunities of a partner in deal-service's view; -1 while the database does not answer. */
    long countOpportunities(String partnerId) {
        try {
            return opportunities().countDocuments(Filters.eq("partnerId", partnerId));
        } catch (RuntimeException down) {
            return -1;
        }
    }

    Document referral(UUID id) {
        return referrals().find(Filters.eq("_id", id)).first();
    }

    /** Timer documents of a partner by state. */
    Map<String, Long> timerStates(String partnerId) {
        Map<String, Long> states = new HashMap<>();
        for (Document timer : timers().find(Filters.eq("partnerId", partnerId)).projection(new Document("state", 1))) {
            states.merge(String.valueOf(timer.get("state")), 1L, Long::sum);
        }
        return states;
    }

    @Override
    public void close() {
        client.close();
    }
}
