package org.cosell.portal.web;

import java.util.HashMap;
import java.util.Map;

import org.cosell.portal.api.OpportunityFilters;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The list's addresses with the current search, filters and sort kept (tabs start again at their
 * first page), so a filtered list can be bookmarked and the back button returns to it.
 */
public record ListLinks(String tab, String q, String stage, String sort, OpportunityFilters filters) {

    public ListLinks {
        filters = filters == null ? OpportunityFilters.NONE : filters;
    }

    public String tab(String other) {
        return build("/opportunities", other, stage, null, filters, 0);
    }

    public String page(int page) {
        return build("/opportunities", tab, stage, sort, filters, page);
    }

    /** The same tab, search and sort without any filter. */
    public String clearFilters() {
        return build("/opportunities", tab, null, sort, OpportunityFilters.NONE, 0);
    }

    /** The CSV of everything the list shows, on every page. */
    public String export() {
        return build("/opportunities/export", tab, stage, sort, filters, 0);
    }

    public boolean isFiltered() {
        return stage != null || !filters.isEmpty();
    }

    private String build(String path, String shownTab, String shownStage, String shownSort, OpportunityFilters shownFilters,
                         int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(path).queryParam("tab", shownTab);
        // typed values as variables, so that '&', '+' or '#' in them are encoded too
        Map<String, Object> values = new HashMap<>();
        if (q != null) {
            link.queryParam("q", "{q}");
            values.put("q", q);
        }
        if (shownStage != null) {
            link.queryParam("stage", shownStage);
        }
        shownFilters.parameters().forEach((name, value) -> {
            link.queryParam(name, "{" + name + "}");
            values.put(name, value);
        });
        if (shownSort != null) {
            link.queryParam("sort", shownSort);
        }
        if (page > 0) {
            link.queryParam("page", page);
        }
        return link.encode().buildAndExpand(values).toUriString();
    }
}
