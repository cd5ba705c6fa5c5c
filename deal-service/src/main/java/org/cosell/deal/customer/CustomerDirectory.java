package org.cosell.deal.customer;

import org.cosell.contracts.common.Address;
import org.cosell.contracts.common.Customer;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Suggests customers by name prefix and place. It learns every customer a partner sees in its
 * referrals and deals, for that partner only, since which customers a partner deals with is its own
 * business; shipped entries serve everyone. Contacts are never kept here.
 */
@Service
public class CustomerDirectory {

    private final MongoTemplate mongo;
    private final Clock clock;

    public CustomerDirectory(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Remembers {@code customer} for {@code partnerId}; one without a name or a country teaches nothing. */
    public void learn(String partnerId, Customer customer) {
        learnAll(List.of(new Sighting(partnerId, customer)));
    }

    /**
     * Remembers every customer seen, in one unordered bulk upsert; a customer seen more than once is
     * stored once, as last seen.
     */
    public void learnAll(List<Sighting> sightings) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, DirectoryCustomer> entries = new LinkedHashMap<>();
        for (Sighting sighting : sightings) {
            String partnerId = sighting.partnerId();
            Customer customer = sighting.customer();
            if (partnerId != null && !partnerId.isBlank() && customer != null) {
                DirectoryCustomer entry = entryOf(partnerId, customer.name(), customer.dunsNumber(), customer.address(), now);
                if (entry != null) {
                    entries.put(entry.id(), entry);
                }
            }
        }
        store(entries.values());
    }

    /** Stores a shipped entry, for every partner. */
    public void ship(String name, String dunsNumber, Address address) {
        DirectoryCustomer entry = entryOf(null, name, dunsNumber, address, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (entry != null) {
            store(List.of(entry));
        }
    }

    /**
     * @param prefix  the start of the name, without regard to case
     * @param country ISO alpha-2 code
     * @param city    when given, only customers in this city (without regard to case)
     */
    public List<DirectoryCustomer> suggest(String partnerId, String prefix, String country, String city, int limit) {
        List<Criteria> filters = new ArrayList<>();
        filters.add(new Criteria().orOperator(Criteria.where("partnerId").is(null),
                Criteria.where("partnerId").is(partnerId)));
        filters.add(Criteria.where("nameKey").regex(Pattern.compile("^" + Pattern.quote(key(prefix)))));
        filters.add(Criteria.where("country").is(country.toUpperCase(Locale.ROOT)));
        if (city != null && !city.isBlank()) {
            filters.add(Criteria.where("cityKey").is(key(city)));
        }
        Query query = Query.query(new Criteria().andOperator(filters))
                .with(Sort.by("nameKey", "entityKey", "_id"))
                .limit(limit * 2);
        Map<String, DirectoryCustomer> byEntity = new LinkedHashMap<>();
        for (DirectoryCustomer customer : mongo.find(query, DirectoryCustomer.class)) {
            if (byEntity.size() < limit) {
                byEntity.putIfAbsent(customer.entityKey(), customer);
            }
        }
        return List.copyOf(byEntity.values());
    }

    /** The entry a customer makes, or {@code null} for one without a name or a country. */
    private static DirectoryCustomer entryOf(String partnerId, String name, String dunsNumber, Address address,
                                             Instant now) {
        if (name == null || name.isBlank() || address == null || address.country() == null
                || address.country().isBlank()) {
            return null;
        }
        String country = address.country().strip().toUpperCase(Locale.ROOT);
        String duns = dunsNumber == null || dunsNumber.isBlank() ? null : dunsNumber.strip();
        String entityKey = duns != null ? "duns:" + duns
                : "name:" + Stream.of(key(name), country, key(address.city()), key(address.street()))
                        .map(part -> URLEncoder.encode(part, StandardCharsets.UTF_8))
                        .collect(Collectors.joining("|"));
        return new DirectoryCustomer(DirectoryCustomer.idOf(partnerId, entityKey), partnerId, entityKey,
                name.strip(), key(name), duns, address, country, key(address.city()), now);
    }

    private void store(Collection<DirectoryCustomer> entries) {
        if (entries.size() == 1) {
            mongo.save(entries.iterator().next());
        } else if (!entries.isEmpty()) {
            BulkOperations upserts = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, DirectoryCustomer.class);
            for (DirectoryCustomer entry : entries) {
                upserts.replaceOne(Query.query(Criteria.where("_id").is(entry.id())), entry,
                        FindAndReplaceOptions.options().upsert());
            }
            upserts.execute();
        }
    }

    private static String key(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    /** A customer named in something a partner saw: a referral, a deal. */
    public record Sighting(String partnerId, Customer customer) {
    }
}
