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
        boolean favorite,
        String salesStage,
        Referral referral,
        List<PossibleDuplicate> possibleDuplicates) {

    /** Where an accepted deal is in the partner's own sales process; the API starts every deal at it. */
    public static final String FIRST_SALES_STAGE = "QUALIFY";

    public static final List<String> SALES_STAGES = List.of(FIRST_SALES_STAGE, "DEVELOP", "PROPOSE", "CLOSE");

    public Opportunity {
        employees = employees == null ? List.of() : employees;
        solutions = solutions == null ? List.of() : solutions;
        possibleDuplicates = possibleDuplicates == null ? List.of() : possibleDuplicates;
    }

    /** The sales stage, {@value #FIRST_SALES_STAGE} where the API (an older one) says none. */
    public String shownSalesStage() {
        return salesStage == null || salesStage.isBlank() ? FIRST_SALES_STAGE : salesStage;
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

    /**
     * Whether Microsoft's help can be asked for: on an accepted deal, never asked for yet, or asked
     * for before and declined or not answered in time; never while a request is open or engaged.
     */
    public boolean canAskForHelp() {
        return isAccepted() && (microsoftEngagement == null || microsoftEngagement.status() == null
                || List.of("NONE", "DECLINED", "EXPIRED").contains(microsoftEngagement.status()));
    }

    /** Whether the page shows a note form: the API refuses notes (409) on won, lost, declined and expired ones. */
    public boolean canAddNotes() {
        return !isArchived();
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
    public record Closing(Instant closedAt, String lostReason, String reason, String notes, Registration registration) {
    }

    /** What the sender of a referral wrote for the partner. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Referral(String senderNotes) {
    }
}
