package org.cosell.deal.catalog;

import org.cosell.contracts.common.SolutionType;
import org.cosell.support.domain.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** The solution catalog as one partner sees it: the shipped entries and its own. */
@Service
public class SolutionCatalog {

    private final MongoTemplate mongo;

    public SolutionCatalog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * @param search matched case-insensitively anywhere in the name; user text is quoted, never a pattern
     * @param type   only solutions of this type, or {@code null} for all
     */
    public List<CatalogSolution> find(String partnerId, String search, SolutionType type) {
        List<Criteria> filters = new ArrayList<>();
        filters.add(visibleTo(partnerId));
        if (search != null && !search.isBlank()) {
            filters.add(Criteria.where("name").regex(Pattern.compile(Pattern.quote(search.strip()), Pattern.CASE_INSENSITIVE)));
        }
        if (type != null) {
            filters.add(Criteria.where("type").is(type));
        }
        return mongo.find(Query.query(new Criteria().andOperator(filters))
                .with(Sort.by("nameKey", "_id")), CatalogSolution.class);
    }

    public CatalogSolution get(String partnerId, String id) {
        CatalogSolution solution = mongo.findOne(
                Query.query(new Criteria().andOperator(Criteria.where("_id").is(id), visibleTo(partnerId))),
                CatalogSolution.class);
        if (solution == null) {
            throw new NotFoundException("solution", id);
        }
        return solution;
    }

    /** Adds one of the partner's own solutions. */
    public CatalogSolution addOwn(String partnerId, String name, boolean registrationEligible) {
        String displayName = name.strip();
        CatalogSolution solution = new CatalogSolution("sol-" + UUID.randomUUID(), partnerId, displayName,
                key(displayName), SolutionType.PARTNER, registrationEligible);
        try {
            return mongo.insert(solution);
        } catch (DuplicateKeyException duplicate) {
            throw new SolutionAlreadyListed(displayName);
        }
    }

    /** Whether any of {@code solutionIds}, as the partner's catalog knows them, is registration-eligible. */
    public boolean anyRegistrationEligible(String partnerId, Collection<String> solutionIds) {
        if (solutionIds.isEmpty()) {
            return false;
        }
        return mongo.exists(Query.query(new Criteria().andOperator(visibleTo(partnerId),
                Criteria.where("_id").in(solutionIds), Criteria.where("registrationEligible").is(true))),
                CatalogSolution.class);
    }

    /** Stores a shipped entry, replacing what an earlier start stored under its id. */
    public void ship(String id, String name, SolutionType type, boolean registrationEligible) {
        mongo.save(new CatalogSolution(id, null, name, key(name), type, registrationEligible));
    }

    private static Criteria visibleTo(String partnerId) {
        return new Criteria().orOperator(Criteria.where("partnerId").is(null), Criteria.where("partnerId").is(partnerId));
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
