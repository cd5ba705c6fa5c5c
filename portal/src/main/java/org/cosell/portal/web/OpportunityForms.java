package org.cosell.portal.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The forms of the opportunity page. Their checks are the API's own rules (docs/api.md), checked
 * here first so a person sees every mistake next to its field without a round trip; the API checks
 * again and its answer is shown the same way. Forms that move a referral or deal carry an
 * {@code Idempotency-Key} made when the form is shown: sending the same form twice (a double
 * click, a retry after a timeout) is the same request to the API, never a second move.
 */
public final class OpportunityForms {

    static final String AMOUNT = "[0-9]{1,15}([.,][0-9]{1,2})?";

    static final String CURRENCY = "[A-Za-z]{3}";

    static final List<String> DECLINE_REASONS = List.of("NOT_A_FIT", "NO_CAPACITY", "CUSTOMER_NOT_INTERESTED",
            "DUPLICATE", "INSUFFICIENT_DETAILS", "OTHER");

    /** What Microsoft can be asked to help with (the API's {@code helpType}). */
    static final List<String> HELP_TYPES = List.of("TECHNICAL_ARCHITECTURE", "PRICING", "EXECUTIVE_SPONSOR",
            "CUSTOMER_INTRODUCTION", "MARKETING", "OTHER");

    /** The longest note the API takes. */
    static final int MAX_NOTE = 2000;

    static final List<String> LOST_REASONS = List.of("LOST_TO_COMPETITOR", "NO_BUDGET", "NO_DECISION", "TIMING", "OTHER");

    private OpportunityForms() {
    }

    static String newKey() {
        return UUID.randomUUID().toString();
    }

    /** What the API takes for an amount: a dot, whatever the language's decimal mark. */
    static String amount(String typed) {
        return typed == null ? null : typed.strip().replace(',', '.');
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public static class Employee {

        @NotBlank(message = "{field.required}")
        @Size(max = 200, message = "{field.tooLong}")
        private String name = "";

        @NotBlank(message = "{field.required}")
        @Size(max = 50, message = "{field.tooLong}")
        private String phone = "";

        @NotBlank(message = "{field.required}")
        @Email(message = "{field.email}")
        @Size(max = 254, message = "{field.tooLong}")
        private String email = "";

        public Employee() {
        }

        Employee(String name, String phone, String email) {
            this.name = name == null ? "" : name;
            this.phone = phone == null ? "" : phone;
            this.email = email == null ? "" : email;
        }

        boolean isEmpty() {
            return name.isBlank() && phone.isBlank() && email.isBlank();
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name == null ? "" : name.strip(); }
        public String getPhone() { return phone; }
        public void setPhone(String phone) { this.phone = phone == null ? "" : phone.strip(); }
        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email == null ? "" : email.strip(); }
    }

    /** Accepting a referral: the deal's terms and who works on it (1 to 50 people). */
    public static class Accept {

        private String idempotencyKey = newKey();

        @NotBlank(message = "{field.required}")
        @Size(max = 200, message = "{field.tooLong}")
        private String name = "";

        @NotBlank(message = "{field.required}")
        @Pattern(regexp = AMOUNT, message = "{field.amount}")
        private String amount = "";

        @NotBlank(message = "{field.required}")
        @Pattern(regexp = CURRENCY, message = "{field.currency}")
        private String currency = "USD";

        @NotNull(message = "{field.date}")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate closeDate;

        @Size(max = 5000, message = "{field.tooLong}")
        private String notes = "";

        @Size(max = 100, message = "{field.tooLong}")
        private String crmId = "";

        @Size(max = 100, message = "{field.tooLong}")
        private String campaignId = "";

        @Valid
        @Size(min = 1, max = 50, message = "{field.required}")
        private List<Employee> employees = new ArrayList<>();

        /** Drops the rows left empty (an added row nobody filled in), keeping at least one to fill. */
        void dropEmptyEmployees() {
            employees.removeIf(Employee::isEmpty);
        }

        public String getIdempotencyKey() { return idempotencyKey; }
        public void setIdempotencyKey(String idempotencyKey) { this.idempotencyKey = idempotencyKey; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name == null ? "" : name.strip(); }
        public String getAmount() { return amount; }
        public void setAmount(String amount) { this.amount = amount == null ? "" : amount.strip(); }
        public String getCurrency() { return currency; }
        public void setCurrency(String currency) { this.currency = currency == null ? "" : currency.strip(); }
        public LocalDate getCloseDate() { return closeDate; }
        public void setCloseDate(LocalDate closeDate) { this.closeDate = closeDate; }
        public String getNotes() { return notes; }
        public void setNotes(String notes) { this.notes = notes == null ? "" : notes; }
        public String getCrmId() { return crmId; }
        public void setCrmId(String crmId) { this.crmId = crmId == null ? "" : crmId.strip(); }
        public String getCampaignId() { return campaignId; }
        public void setCampaignId(String campaignId) { this.campaignId = campaignId == null ? "" : campaignId.strip(); }
        public List<Employee> getEmployees() { return employees; }
        public void setEmployees(List<Employee> employees) { this.employees = employees == null ? new ArrayList<>() : employees; }
    }

    /** Declining a referral: one of the reasons; notes are required with OTHER (checked by the controller). */
    public static class Decline {

        private String idempotencyKey = newKey();

        @NotBlank(message = "{field.required}")
        private String reason = "";

        @Size(max = 5000, message = "{field.tooLong}")
        private String notes = "";

        public String getIdempotencyKey() { return idempotencyKey; }
        public void setIdempotencyKey(String idempotencyKey) { this.idempotencyKey = idempotencyKey; }
        public String getReason() { return reason; }
        public void setReason(String reason) { this.reason = reason == null ? "" : reason; }
        public String getNotes() { return notes; }
        public void setNotes(String notes) { this.notes = notes == null ? "" : notes; }
    }

    /** Editing an accepted deal, against the version it was shown at. */
    public static class Edit {

        private long version;

        @NotBlank(message = "{field.required}")
        @Size(max = 200, message = "{field.tooLong}")
        private String name = "";

        @NotBlank(message = "{field.required}")
        @Pattern(regexp = AMOUNT, message = "{field.amount}")
        private String amount = "";

        @NotBlank(message = "{field.required}")
        @Pattern(regexp = CURRENCY, message = "{field.currency}")
        private String currency = "";

        @NotNull(message = "{field.date}")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate closeDate;

        @Size(max = 5000, message = "{field.tooLong}")
        private String notes = "";

        @Size(max = 100, message = "{field.tooLong}")
        private String crmId = "";

        @Size(max = 100, message = "{field.tooLong}")
        private String campaignId = "";

        public long getVersion() { return version; }
        public void setVersion(long version) { this.version = version; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name == null ? "" : name.strip(); }
        public String getAmount() { return amount; }
        public void setAmount(String amount) { this.amount = amount == null ? "" : amount.strip(); }
        public String getCurrency() { return currency; }
        public void setCurrency(String currency) { this.currency = currency == null ? "" : currency.strip(); }
        public LocalDate getCloseDate() { return closeDate; }
        public void setCloseDate(LocalDate closeDate) { this.closeDate = closeDate; }
        public String getNotes() { return notes; }
        public void setNotes(String notes) { this.notes = notes == null ? "" : notes; }
        public String getCrmId() { return crmId; }
        public void setCrmId(String crmId) { this.crmId = crmId == null ? "" : crmId.strip(); }
        public String getCampaignId() { return campaignId; }
        public void setCampaignId(String campaignId) { this.campaignId = campaignId == null ? "" : campaignId.strip(); }
    }

    /** Asking Microsoft for help: consent, notes, and a contact when the deal's own is not to be used. */
    public static class Help {

        private boolean consent;

        @NotBlank(message = "{field.required}")
        private String helpType = "";

        @NotBlank(message = "{field.required}")
        @Size(max = 5000, message = "{field.tooLong}")
        private String notes = "";

        @Size(max = 200, message = "{field.tooLong}")
        private String contactName = "";

        @Size(max = 50, message = "{field.tooLong}")
        private String contactPhone = "";

        @Email(message = "{field.email}")
        @Size(max = 254, message = "{field.tooLong}")
        private String contactEmail = "";

        boolean hasContact() {
            return !contactName.isBlank() || !contactPhone.isBlank() || !contactEmail.isBlank();
        }

        public String getHelpType() { return helpType; }
        public void setHelpType(String helpType) { this.helpType = helpType == null ? "" : helpType; }
        public boolean isConsent() { return consent; }
        public void setConsent(boolean consent) { this.consent = consent; }
        public String getNotes() { return notes; }
        public void setNotes(String notes) { this.notes = notes == null ? "" : notes; }
        public String getContactName() { return contactName; }
        public void setContactName(String contactName) { this.contactName = contactName == null ? "" : contactName.strip(); }
        public String getContactPhone() { return contactPhone; }
        public void setContactPhone(String contactPhone) { this.contactPhone = contactPhone == null ? "" : contactPhone.strip(); }
        public String getContactEmail() { return contactEmail; }
        public void setContactEmail(String contactEmail) { this.contactEmail = contactEmail == null ? "" : contactEmail.strip(); }
    }

    /** Closing as won; the registration is needed only when a solution is registration-eligible (the API says). */
    public static class Won {

        private String idempotencyKey = newKey();

        @Pattern(regexp = "(" + AMOUNT + ")?", message = "{field.amount}")
        private String finalAmount = "";

        @Pattern(regexp = "(" + CURRENCY + ")?", message = "{field.currency}")
        private String finalCurrency = "";

        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate signedDate;

        @Size(max = 100, message = "{field.tooLong}")
        private String tenantId = "";

        @Size(max = 5000, message = "{field.tooLong}")
        private String notes = "";

        boolean hasRegistration() {
            return !finalAmount.isBlank() || !finalCurrency.isBlank() || signedDate != null || !tenantId.isBlank()
                    || !notes.isBlank();
        }

        public String getIdempotencyKey() { return idempotencyKey; }
        public void setIdempotencyKey(String idempotencyKey) { this.idempotencyKey = idempotencyKey; }
        public String getFinalAmount() { return finalAmount; }
        public void setFinalAmount(String finalAmount) { this.finalAmount = finalAmount == null ? "" : finalAmount.strip(); }
        public String getFinalCurrency() { return finalCurrency; }
        public void setFinalCurrency(String finalCurrency) { this.finalCurrency = finalCurrency == null ? "" : finalCurrency.strip(); }
        public LocalDate getSignedDate() { return signedDate; }
        public void setSignedDate(LocalDate signedDate) { this.signedDate = signedDate; }
        public String getTenantId() { return tenantId; }
        public void setTenantId(String tenantId) { this.tenantId = tenantId == null ? "" : tenantId.strip(); }
        public String getNotes() { return notes; }
        public void setNotes(String notes) { this.notes = notes == null ? "" : notes; }
    }

    /** A note on the opportunity, 1 to {@value #MAX_NOTE} characters. */
    public static class NewNote {

        @NotBlank(message = "{field.required}")
        @Size(max = MAX_NOTE, message = "{field.tooLong}")
        private String text = "";

        public String getText() { return text; }
        public void setText(String text) { this.text = text == null ? "" : text; }
    }

    /** Moving an accepted deal to another sales stage, against the version it was shown at. */
    public static class SalesStage {

        private long version;

        @NotBlank(message = "{field.required}")
        private String salesStage = "";

        public long getVersion() { return version; }
        public void setVersion(long version) { this.version = version; }
        public String getSalesStage() { return salesStage; }
        public void setSalesStage(String salesStage) { this.salesStage = salesStage == null ? "" : salesStage; }
    }

    /** Closing as lost: one of the reasons, optional notes. */
    public static class Lost {

        private String idempotencyKey = newKey();

        @NotBlank(message = "{field.required}")
        private String reason = "";

        @Size(max = 5000, message = "{field.tooLong}")
        private String notes = "";

        public String getIdempotencyKey() { return idempotencyKey; }
        public void setIdempotencyKey(String idempotencyKey) { this.idempotencyKey = idempotencyKey; }
        public String getReason() { return reason; }
        public void setReason(String reason) { this.reason = reason == null ? "" : reason; }
        public String getNotes() { return notes; }
        public void setNotes(String notes) { this.notes = notes == null ? "" : notes; }
    }
}
