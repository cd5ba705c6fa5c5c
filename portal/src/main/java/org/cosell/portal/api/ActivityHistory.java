package org.cosell.portal.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An opportunity's history as the API keeps it: its first entry and the latest after it, oldest
 * first, and how many entries between those it let go ({@code omitted}, 0 from an API that keeps
 * them all).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ActivityHistory(List<Activity> items, int omitted) {

    public ActivityHistory {
        items = items == null ? List.of() : items;
    }
}
