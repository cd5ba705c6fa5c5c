package org.cosell.deal.opportunity.web;

import org.cosell.deal.opportunity.domain.Tab;
import org.cosell.support.domain.RuleViolation;
import org.springframework.data.domain.Sort;

import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code tab} and {@code sort} parameters. Only listed fields sort, so a client cannot
 * sort (or probe) by arbitrary document paths.
 */
final class OpportunitySorting {

    private static final Map<String, String> SORTABLE = Map.of(
            "updatedAt", "updatedAt",
            "createdAt", "createdAt",
            "name", "name",
            "estimatedCloseDate", "estimatedCloseDate",
            "respondBy", "respondBy",
            "customer", "customer.name",
            "stage", "stage");

    /** The order of the answer-soon view: the soonest due first. */
    static final Sort SOONEST_DUE = Sort.by(Sort.Direction.ASC, "respondBy").and(Sort.by(Sort.Direction.ASC, "_id"));

    private OpportunitySorting() {
    }

    static Tab tab(String value) {
        try {
            return Tab.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("tab", "must be one of inbound, outbound, favorites, archived");
        }
    }

    static Sort sort(String value) {
        String[] parts = value.split(",", 2);
        String field = SORTABLE.get(parts[0].strip());
        if (field == null) {
            throw new RuleViolation("sort", "must be one of " + String.join(", ", SORTABLE.keySet()));
        }
        Sort.Direction direction = parts.length == 2 && parts[1].strip().equalsIgnoreCase("asc")
                ? Sort.Direction.ASC : Sort.Direction.DESC;
        return Sort.by(direction, field).and(Sort.by(Sort.Direction.ASC, "_id"));
    }
}
