package org.cosell.portal.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An opportunity as {@code GET /api/opportunities[/{id}]} shows it. Enumerations are kept as the
 * API spells them, so a value the portal does not know yet still shows instead of breaking a page.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Opportunity(
        String id,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String referralId,
        Sender sender,
        Instant respondBy,
        String origin,
        String type,
        String stage,
        String name,
        Money estimatedValue,
        LocalDate estimatedCloseDate,
        String crmId,
        String campaignId,
        String notes,
        Customer customer,
        List<Contact> employees,
        List<Solution> solutions,
        Engagement microsoftEngagement,
        Closing closing,
        boolean favorite) {

    public Opportunity {
        employees = employees == null ? List.of() : employees;
        solutions = solutions == null ? List.of() : solutions;
    }

    public boolean isReceived() {
        return "RECEIVED".equals(stage);
    }

    public boolean isAccepted() {
        return "ACCEPTED".equals(stage);
    }

    /** Won, lost, declined or expired: nothing can change it any more but the favorite mark. */
    public boolean isArchived() {
        return !isReceived() && !isAccepted();
    }

    /** Whether Microsoft's help has not been asked for yet (it can be asked once). */
    public boolean canAskForHelp() {
        return isAccepted() && (microsoftEngagement == null || "NONE".equals(microsoftEngagement.status()));
    }

    /** Opportunities carry the partner's version as their ETag. */
    public String etag() {
        return "\"" + version + "\"";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Money(BigDecimal amount, String currency) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sender(String kind, String name, String email, String partnerId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Contact(String name, String phone, String email) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(String street, String city, String region, String postalCode, String country) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Customer(String name, String dunsNumber, Address address, Contact contact, boolean consentToShareContact) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Solution(String id, String name, String type) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Seller(String name, String email) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Engagement(String status, Instant requestedAt, Instant respondBy, String notes, Seller seller,
                             String sellerNotes, Instant answeredAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Registration(Money finalValue, LocalDate contractSignedDate, String customerTenantId, String notes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Closing(Instant closedAt, String lostReason, String notes, Registration registration) {
    }
}
