package org.cosell.portal.web;

import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;

/** The list's addresses with the current search, filter and sort kept (tabs start again at their first page). */
public record ListLinks(String tab, String q, String stage, String sort) {

    public String tab(String other) {
        return build(other, null, 0);
    }

    public String page(int page) {
        return build(tab, sort, page);
    }

    private String build(String shownTab, String shownSort, int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/opportunities").queryParam("tab", shownTab);
        if (q != null) {
            // a variable, so that '&', '+' or '#' in the search are encoded too
            link.queryParam("q", "{q}");
        }
        if (stage != null) {
            link.queryParam("stage", stage);
        }
        if (shownSort != null) {
            link.queryParam("sort", shownSort);
        }
        if (page > 0) {
            link.queryParam("page", page);
        }
        return link.encode().buildAndExpand(Map.of("q", q == null ? "" : q)).toUriString();
    }
}
