package org.cosell.portal.api;

/**
 * What a list page asks {@code GET /api/opportunities} for; null parts are left out, so the API's
 * defaults apply.
 */
public record OpportunityQuery(String tab, String q, String stage, String sort, int page, int size,
                               OpportunityFilters filters) {

    public OpportunityQuery {
        filters = filters == null ? OpportunityFilters.NONE : filters;
    }
}
