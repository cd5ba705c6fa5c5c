package org.cosell.portal.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A note a partner's person wrote on an opportunity ({@code GET /api/opportunities/{id}/notes}, newest first). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Note(String id, Instant at, Activity.Person author, String text) {
}
