package org.cosell.portal.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One page of the partner's e-mail log ({@code GET /api/notifications}), newest first. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotificationPage(List<Mail> items, int page, int size, long total) {

    public NotificationPage {
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

    /** One e-mail; {@code reason} says why it was skipped or what its last failed attempt answered. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mail(String id, String kind, String recipient, String subject, String status, int attempts,
                       Instant createdAt, Instant lastAttemptAt, Instant sentAt, String reason) {
    }
}
