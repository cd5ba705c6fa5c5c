package org.cosell.portal.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One page of a tab of {@code GET /api/opportunities}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpportunityPage(List<Opportunity> items, int page, int size, long total) {

    public OpportunityPage {
        items = items == null ? List.of() : items;
    }

    public int pages() {
        return size <= 0 ? 0 : (int) ((total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return page + 1 < pages();
    }
}
