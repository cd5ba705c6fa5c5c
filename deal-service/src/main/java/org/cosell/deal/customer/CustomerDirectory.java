package org.cosell.deal.customer;

import org.cosell.contracts.common.Address;
import org.cosell.contracts.common.Customer;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
        if (partnerId != null && !partnerId.isBlank() && customer != null) {
            store(partnerId, customer.name(), customer.dunsNumber(), customer.address());
        }
    }

    /** Stores a shipped entry, for every partner. */
    public void ship(String name, String dunsNumber, Address address) {
        store(null, name, dunsNumber, address);
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

    private void store(String partnerId, String name, String dunsNumber, Address address) {
        if (name == null || name.isBlank() || address == null || address.country() == null
                || address.country().isBlank()) {
            return;
        }
        String country = address.country().strip().toUpperCase(Locale.ROOT);
        String duns = dunsNumber == null || dunsNumber.isBlank() ? null : dunsNumber.strip();
        String entityKey = duns != null ? "duns:" + duns
                : String.join("|", "name:" + key(name), country, key(address.city()), key(address.street()));
        String scope = partnerId == null ? "*" : partnerId;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        mongo.save(new DirectoryCustomer(scope + "|" + entityKey, partnerId, entityKey, name.strip(), key(name), duns,
                address, country, key(address.city()), now));
    }

    private static String key(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }
}
