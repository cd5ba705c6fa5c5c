package org.cosell.deal.opportunity.application;

import org.bson.Document;
import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.Origin;
import org.cosell.deal.opportunity.domain.DuplicateDeals;
import org.cosell.deal.opportunity.domain.Opportunity;
import org.cosell.deal.opportunity.domain.Stage;
import org.cosell.deal.opportunity.domain.Tab;
import org.cosell.support.domain.NotFoundException;
import org.cosell.support.outbox.OutboxEvent;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** Reads of the opportunity view, always scoped to one partner. */
@Service
public class OpportunityQueries {

    /** How many of the latest deals the recent contacts are taken from. */
    private static final int RECENT_DEALS_SCANNED = 200;
    /** At most this many possible duplicates are named, the most alike first. */
    private static final int DUPLICATES_LISTED = 10;
    /**
     * The most recently changed candidates a duplicate check compares: a partner with 100,000 open
     * referrals in one country would otherwise read all of them on every deal it creates.
     */
    private static final int DUPLICATE_CANDIDATES_SCANNED = 1_000;
    /** Newest change first, ties in a stable order. */
    private static final Sort MOST_RECENTLY_CHANGED_FIRST = Sort.by(Sort.Direction.DESC, "updatedAt")
            .and(Sort.by(Sort.Direction.ASC, "_id"));
    /** Opportunities fetched per round trip of an export's cursor. */
    public static final int EXPORT_BATCH = 500;
    /** Parts of the document an export never shows: the outbox's pending events, the deal's notes, its activity. */
    private static final List<String> EXPORT_LEFT_OUT = Stream.concat(Stream.of(OutboxEvent.FIELD, "closedWith"),
            Opportunity.HISTORY_FIELDS.stream()).toList();

    private final MongoTemplate mongo;
    private final OpportunityStore store;
    private final Clock clock;

    public OpportunityQueries(MongoTemplate mongo, OpportunityStore store, Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.clock = clock;
    }

    public Opportunity get(String partnerId, UUID id) {
        return store.findOwned(partnerId, id).orElseThrow(() -> new NotFoundException("opportunity", id));
    }

    /**
     * @param onlyIds when not {@code null}, the opportunities the list is restricted to (a user's favorites)
     */
    public Page<Opportunity> list(String partnerId, Tab tab, Collection<UUID> onlyIds, OpportunityFilter filter,
                                  Pageable pageable) {
        Query query = query(partnerId, tab, onlyIds, filter);
        List<Opportunity> items = mongo.find(withoutHistory(Query.of(query).with(pageable)), Opportunity.class);
        // a page that is not full (or the first that shows everything) tells the total: no count, which scans where no index serves it
        return PageableExecutionUtils.getPage(items, pageable, () -> mongo.count(query, Opportunity.class));
    }

    /**
     * A list leaves each opportunity's history and notes in the database: they can be long and no
     * row shows them. What such a read loads lacks them, so it must never be written back; every
     * change loads the whole opportunity through the store.
     */
    private static Query withoutHistory(Query query) {
        Opportunity.HISTORY_FIELDS.forEach(query.fields()::exclude);
        return query;
    }

    /**
     * Every opportunity {@link #list} would page through, in {@code order}, read from one cursor in
     * batches of {@link #EXPORT_BATCH}, so an export of any size holds one batch at a time. The
     * caller closes the stream (it holds the cursor). Embedded lists that grow with a deal's life
     * are left out of what is read: an export shows none of them.
     */
    public Stream<Opportunity> stream(String partnerId, Tab tab, Collection<UUID> onlyIds, OpportunityFilter filter,
                                      Sort order) {
        Query query = query(partnerId, tab, onlyIds, filter).with(order).cursorBatchSize(EXPORT_BATCH);
        EXPORT_LEFT_OUT.forEach(field -> query.fields().exclude(field));
        return mongo.stream(query, Opportunity.class);
    }

    private Query query(String partnerId, Tab tab, Collection<UUID> onlyIds, OpportunityFilter filter) {
        List<Criteria> filters = new ArrayList<>();
        filters.add(Criteria.where("partnerId").is(partnerId));
        if (onlyIds != null) {
            filters.add(Criteria.where("_id").in(onlyIds));
        }
        if (tab.origin() != null) {
            filters.add(Criteria.where("origin").is(tab.origin()));
        }
        filters.add(Criteria.where("stage").in(tab.stages()));
        filters.addAll(filter.criteria(clock.instant()));
        return Query.query(new Criteria().andOperator(filters));
    }

    /**
     * How many of the partner's opportunities each tab but {@link Tab#FAVORITES} (a user's own)
     * holds: one aggregation, grouped by origin and stage, rather than a count per tab, since a
     * count is a pass over the partner's opportunities wherever no index serves it.
     */
    public Map<Tab, Long> countsByTab(String partnerId) {
        Aggregation byOriginAndStage = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("partnerId").is(partnerId)),
                Aggregation.group("origin", "stage").count().as("count"));
        Map<Tab, Long> counts = new EnumMap<>(Tab.class);
        for (Tab tab : Tab.values()) {
            if (!tab.favoritesOnly()) {
                counts.put(tab, 0L);
            }
        }
        for (Document group : mongo.aggregate(byOriginAndStage, Opportunity.class, Document.class)) {
            Document key = group.get("_id", Document.class);
            Origin origin = Origin.valueOf(key.getString("origin"));
            Stage stage = Stage.valueOf(key.getString("stage"));
            long count = ((Number) group.get("count")).longValue();
            counts.replaceAll((tab, sum) -> (tab.origin() == null || tab.origin() == origin) && tab.stages().contains(stage)
                    ? sum + count : sum);
        }
        return counts;
    }

    /**
     * The partner's open opportunities (received or accepted, inbound and outbound) that are
     * probably for the same customer as a deal named {@code dealName} ({@link DuplicateDeals}), the
     * most alike names first; {@code except}, when given, is left out (the deal just created). Only the
     * {@value #DUPLICATE_CANDIDATES_SCANNED} most recently changed candidates (same country or D-U-N-S
     * number) are compared, each read as a plain document of the fields the comparison needs, and only
     * those named in the warning are mapped: mapping every candidate to a whole opportunity was most of
     * the CPU a deal's creation took once the partner had a thousand open ones in the customer's country.
     */
    public List<DuplicateCandidate> possibleDuplicates(String partnerId, DuplicateDeals.Customer customer,
                                                       String dealName, UUID except) {
        List<Criteria> candidates = new ArrayList<>();
        if (customer.dunsNumber() != null) {
            candidates.add(Criteria.where("customer.dunsNumber").is(customer.dunsNumber()));
        }
        if (customer.name() != null && customer.country() != null) {
            candidates.add(Criteria.where("customer.address.country").is(customer.country()));
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        Criteria open = Criteria.where("partnerId").is(partnerId).and("stage").in(Stage.RECEIVED, Stage.ACCEPTED);
        if (except != null) {
            open = open.and("_id").ne(except);
        }
        Query query = Query.query(open.orOperator(candidates))
                .with(MOST_RECENTLY_CHANGED_FIRST)
                .limit(DUPLICATE_CANDIDATES_SCANNED);
        query.fields().include("name", "stage", "customer", "updatedAt");
        Comparator<Document> mostAlikeFirst = Comparator.comparingDouble(
                (Document candidate) -> DuplicateDeals.nameSimilarity(dealName, candidate.getString("name"))).reversed();
        return mongo.find(query, Document.class, mongo.getCollectionName(Opportunity.class)).stream()
                .filter(candidate -> candidate.get("customer") instanceof Document stored
                        && DuplicateDeals.sameCustomer(customer, customerOf(stored)))
                .sorted(mostAlikeFirst.thenComparing(candidate -> candidate.getDate("updatedAt"), Comparator.reverseOrder()))
                .limit(DUPLICATES_LISTED)
                .map(candidate -> mongo.getConverter().read(DuplicateCandidate.class, candidate))
                .toList();
    }

    /**
     * What a duplicate check reads of an open opportunity: enough to compare it and to name it in the warning
     * ({@code name} is the deal's, stored beside the other details at the top of the document).
     */
    public record DuplicateCandidate(UUID id, String name, Stage stage, Customer customer) {
    }

    private static DuplicateDeals.Customer customerOf(Document customer) {
        return new DuplicateDeals.Customer(customer.getString("dunsNumber"), customer.getString("name"),
                customer.get("address") instanceof Document address ? address.getString("country") : null);
    }

    /**
     * The partner's employee contacts on its most recently changed deals, newest first, each e-mail
     * address once (compared without case).
     */
    public List<Contact> recentEmployeeContacts(String partnerId, int limit) {
        Query query = Query.query(Criteria.where("partnerId").is(partnerId).and("employees.0").exists(true))
                .with(MOST_RECENTLY_CHANGED_FIRST)
                .limit(RECENT_DEALS_SCANNED);
        query.fields().include("employees");
        Map<String, Contact> byEmail = new LinkedHashMap<>();
        for (Opportunity opportunity : mongo.find(query, Opportunity.class)) {
            for (Contact employee : opportunity.details().employees()) {
                if (employee.email() != null && byEmail.size() < limit) {
                    byEmail.putIfAbsent(employee.email().toLowerCase(Locale.ROOT), employee);
                }
            }
        }
        return List.copyOf(byEmail.values());
    }
}
