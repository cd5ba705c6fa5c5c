package org.cosell.portal.web;

import java.io.Serial;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * What the new-deal wizard has gathered so far, kept in the session between its steps. Its
 * properties are named as {@code POST /api/deals} names them ({@code customer.address.country},
 * {@code employees[0].email}), so the API's field errors land on the field they are about. Each
 * step checks its own fields (its validation group); creating the deal checks them all again.
 */
public class DealDraft implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String PRIVATE_PIPELINE = "PRIVATE_PIPELINE";

    static final String CO_SELL = "CO_SELL";

    /** The customer step's checks. */
    interface CustomerStep {
    }

    /** The deal details step's checks. */
    interface DetailsStep {
    }

    /** The employees step's checks. */
    interface EmployeesStep {
    }

    /** The solutions step's checks. */
    interface SolutionsStep {
    }

    /** The selling type step's checks. */
    interface SellingStep {
    }

    @Valid
    private Customer customer = new Customer();

    @NotBlank(message = "{field.required}", groups = DetailsStep.class)
    @Size(max = 200, message = "{field.tooLong}", groups = DetailsStep.class)
    private String name = "";

    @Valid
    private Money estimatedValue = new Money();

    @NotNull(message = "{field.date}", groups = DetailsStep.class)
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate estimatedCloseDate;

    @Size(max = 5000, message = "{field.tooLong}", groups = DetailsStep.class)
    private String notes = "";

    @Size(max = 100, message = "{field.tooLong}", groups = DetailsStep.class)
    private String crmId = "";

    @Size(max = 100, message = "{field.tooLong}", groups = DetailsStep.class)
    private String campaignId = "";

    @Valid
    @Size(min = 1, max = 50, message = "{wizard.employees.count}", groups = EmployeesStep.class)
    private List<Person> employees = new ArrayList<>();

    @Size(min = 1, max = 50, message = "{wizard.solutions.count}", groups = SolutionsStep.class)
    private List<ChosenSolution> solutions = new ArrayList<>();

    @NotBlank(message = "{field.required}", groups = SellingStep.class)
    @Pattern(regexp = PRIVATE_PIPELINE + "|" + CO_SELL, message = "{field.required}", groups = SellingStep.class)
    private String sellingType = PRIVATE_PIPELINE;

    @Valid
    private Help microsoftHelp = new Help();

    boolean isCoSell() {
        return CO_SELL.equals(sellingType);
    }

    public Customer getCustomer() { return customer; }
    public void setCustomer(Customer customer) { this.customer = customer == null ? new Customer() : customer; }
    public String getName() { return name; }
    public void setName(String name) { this.name = strip(name); }
    public Money getEstimatedValue() { return estimatedValue; }
    public void setEstimatedValue(Money estimatedValue) { this.estimatedValue = estimatedValue == null ? new Money() : estimatedValue; }
    public LocalDate getEstimatedCloseDate() { return estimatedCloseDate; }
    public void setEstimatedCloseDate(LocalDate estimatedCloseDate) { this.estimatedCloseDate = estimatedCloseDate; }
    public String getNotes() { return notes; }
    public void setNotes(String notes) { this.notes = notes == null ? "" : notes; }
    public String getCrmId() { return crmId; }
    public void setCrmId(String crmId) { this.crmId = strip(crmId); }
    public String getCampaignId() { return campaignId; }
    public void setCampaignId(String campaignId) { this.campaignId = strip(campaignId); }
    public List<Person> getEmployees() { return employees; }
    public void setEmployees(List<Person> employees) { this.employees = employees == null ? new ArrayList<>() : employees; }
    public List<ChosenSolution> getSolutions() { return solutions; }
    public void setSolutions(List<ChosenSolution> solutions) { this.solutions = solutions == null ? new ArrayList<>() : solutions; }
    public String getSellingType() { return sellingType; }
    public void setSellingType(String sellingType) { this.sellingType = strip(sellingType); }
    public Help getMicrosoftHelp() { return microsoftHelp; }
    public void setMicrosoftHelp(Help microsoftHelp) { this.microsoftHelp = microsoftHelp == null ? new Help() : microsoftHelp; }

    static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    public static class Customer implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        @NotBlank(message = "{field.required}", groups = CustomerStep.class)
        @Size(max = 200, message = "{field.tooLong}", groups = CustomerStep.class)
        private String name = "";

        @Pattern(regexp = "([0-9]{9})?", message = "{wizard.duns.invalid}", groups = CustomerStep.class)
        private String dunsNumber = "";

        @Valid
        private Address address = new Address();

        @Valid
        private Contact contact = new Contact();

        private boolean consentToShareContact;

        public String getName() { return name; }
        public void setName(String name) { this.name = strip(name); }
        public String getDunsNumber() { return dunsNumber; }
        public void setDunsNumber(String dunsNumber) { this.dunsNumber = strip(dunsNumber).replace("-", ""); }
        public Address getAddress() { return address; }
        public void setAddress(Address address) { this.address = address == null ? new Address() : address; }
        public Contact getContact() { return contact; }
        public void setContact(Contact contact) { this.contact = contact == null ? new Contact() : contact; }
        public boolean isConsentToShareContact() { return consentToShareContact; }
        public void setConsentToShareContact(boolean consentToShareContact) { this.consentToShareContact = consentToShareContact; }
    }

    public static class Address implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        @Size(max = 200, message = "{field.tooLong}", groups = CustomerStep.class)
        private String street = "";

        @Size(max = 100, message = "{field.tooLong}", groups = CustomerStep.class)
        private String city = "";

        @Size(max = 100, message = "{field.tooLong}", groups = CustomerStep.class)
        private String region = "";

        @Size(max = 20, message = "{field.tooLong}", groups = CustomerStep.class)
        private String postalCode = "";

        @NotBlank(message = "{wizard.country.required}", groups = CustomerStep.class)
        private String country = "";

        public String getStreet() { return street; }
        public void setStreet(String street) { this.street = strip(street); }
        public String getCity() { return city; }
        public void setCity(String city) { this.city = strip(city); }
        public String getRegion() { return region; }
        public void setRegion(String region) { this.region = strip(region); }
        public String getPostalCode() { return postalCode; }
        public void setPostalCode(String postalCode) { this.postalCode = strip(postalCode); }
        public String getCountry() { return country; }
        public void setCountry(String country) { this.country = strip(country).toUpperCase(Locale.ROOT); }
    }

    /** The customer's contact: optional for a private deal, complete (all three) for co-selling. */
    public static class Contact implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        @Size(max = 200, message = "{field.tooLong}", groups = SellingStep.class)
        private String name = "";

        @Size(max = 50, message = "{field.tooLong}", groups = SellingStep.class)
        private String phone = "";

        @Email(message = "{field.email}", groups = SellingStep.class)
        @Size(max = 254, message = "{field.tooLong}", groups = SellingStep.class)
        private String email = "";

        boolean isEmpty() {
            return name.isEmpty() && phone.isEmpty() && email.isEmpty();
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = strip(name); }
        public String getPhone() { return phone; }
        public void setPhone(String phone) { this.phone = strip(phone); }
        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = strip(email); }
    }

    public static class Money implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        @NotBlank(message = "{field.required}", groups = DetailsStep.class)
        @Pattern(regexp = OpportunityForms.AMOUNT, message = "{field.amount}", groups = DetailsStep.class)
        private String amount = "";

        @NotBlank(message = "{field.required}", groups = DetailsStep.class)
        @Pattern(regexp = OpportunityForms.CURRENCY, message = "{field.currency}", groups = DetailsStep.class)
        private String currency = "USD";

        /** The amount typed, as a number, or {@code null} while it is not one. */
        public BigDecimal number() {
            return amount.matches(OpportunityForms.AMOUNT) ? new BigDecimal(OpportunityForms.amount(amount)) : null;
        }

        public String getAmount() { return amount; }
        public void setAmount(String amount) { this.amount = strip(amount); }
        public String getCurrency() { return currency; }
        public void setCurrency(String currency) { this.currency = strip(currency).toUpperCase(Locale.ROOT); }
    }

    /** One of the partner's people on the deal: name, phone and e-mail are all needed. */
    public static class Person implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        @NotBlank(message = "{field.required}", groups = EmployeesStep.class)
        @Size(max = 200, message = "{field.tooLong}", groups = EmployeesStep.class)
        private String name = "";

        @NotBlank(message = "{field.required}", groups = EmployeesStep.class)
        @Size(max = 50, message = "{field.tooLong}", groups = EmployeesStep.class)
        private String phone = "";

        @NotBlank(message = "{field.required}", groups = EmployeesStep.class)
        @Email(message = "{field.email}", groups = EmployeesStep.class)
        @Size(max = 254, message = "{field.tooLong}", groups = EmployeesStep.class)
        private String email = "";

        public Person() {
        }

        Person(String name, String phone, String email) {
            setName(name);
            setPhone(phone);
            setEmail(email);
        }

        boolean isEmpty() {
            return name.isEmpty() && phone.isEmpty() && email.isEmpty();
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = strip(name); }
        public String getPhone() { return phone; }
        public void setPhone(String phone) { this.phone = strip(phone); }
        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = strip(email); }
    }

    /** A solution taken from the catalog; the wizard never lets one be typed in. */
    public record ChosenSolution(String id, String name, String type) implements Serializable {
    }

    /** What Microsoft is asked to help with, when co-selling. */
    public static class Help implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        @Size(max = 5000, message = "{field.tooLong}", groups = SellingStep.class)
        private String notes = "";

        public String getNotes() { return notes; }
        public void setNotes(String notes) { this.notes = notes == null ? "" : notes; }
    }
}
