package org.cosell.portal.web;

import java.util.Arrays;
import java.util.Optional;

/**
 * The new-deal wizard's steps, in Partner Center's order, each with its path segment, its
 * validation group and the fields of {@code POST /api/deals} it asks for.
 */
enum WizardStep {

    CUSTOMER("customer", DealDraft.CustomerStep.class),
    DETAILS("details", DealDraft.DetailsStep.class),
    EMPLOYEES("employees", DealDraft.EmployeesStep.class),
    SOLUTIONS("solutions", DealDraft.SolutionsStep.class),
    SELLING("selling", DealDraft.SellingStep.class);

    private final String path;

    private final Class<?> group;

    WizardStep(String path, Class<?> group) {
        this.path = path;
        this.group = group;
    }

    public String path() {
        return path;
    }

    public Class<?> group() {
        return group;
    }

    public int number() {
        return ordinal() + 1;
    }

    public Optional<WizardStep> previous() {
        return ordinal() == 0 ? Optional.empty() : Optional.of(values()[ordinal() - 1]);
    }

    public Optional<WizardStep> next() {
        return ordinal() + 1 == values().length ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
    }

    public boolean isLast() {
        return next().isEmpty();
    }

    static Optional<WizardStep> ofPath(String path) {
        return Arrays.stream(values()).filter(step -> step.path.equals(path)).findFirst();
    }

    /**
     * The step that asks for a field, named as the API names it. The customer's contact and consent
     * belong to the selling type (they matter for co-selling); a field the wizard does not know is
     * the last step's, where the deal is created.
     */
    static WizardStep owning(String field) {
        if (field.startsWith("customer.contact") || field.startsWith("customer.consentToShareContact")
                || field.startsWith("microsoftHelp") || field.startsWith("sellingType")) {
            return SELLING;
        }
        if (field.equals("customer") || field.startsWith("customer.")) {
            return CUSTOMER;
        }
        if (field.startsWith("employees")) {
            return EMPLOYEES;
        }
        if (field.startsWith("solutions")) {
            return SOLUTIONS;
        }
        if (field.equals("name") || field.startsWith("estimatedValue") || field.startsWith("estimatedCloseDate")
                || field.equals("notes") || field.equals("crmId") || field.equals("campaignId")) {
            return DETAILS;
        }
        return SELLING;
    }
}
