package org.cosell.portal.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One entry of an opportunity's history ({@code GET /api/opportunities/{id}/activity}), oldest
 * first. {@code actor} is null for what Cosell itself did (an expiry, a referral arriving);
 * {@code kind} is kept as the API spells it, so a kind new to the portal still shows.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Activity(Instant at, String kind, Person actor, String summary, List<Change> changes) {

    public Activity {
        changes = changes == null ? List.of() : changes;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(String sub, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Change(String field, Object from, Object to) {
    }
}
