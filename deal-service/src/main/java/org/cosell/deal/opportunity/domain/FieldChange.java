package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.Solution;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One field an edit changed, with its value before and after as text to show ({@code null} where
 * the field had or has no value). A value is cut to {@value #MAX_VALUE_LENGTH} characters, so that
 * a long text edited often does not grow the opportunity's history without bound.
 *
 * @param field the field as a merge patch names it ({@code customer.contact} for a nested one)
 */
public record FieldChange(String field, String from, String to) {

    static final int MAX_VALUE_LENGTH = 200;

    /** The fields of the deal's terms that differ between {@code before} and {@code after}, in the API's order. */
    static List<FieldChange> between(DealTerms before, DealTerms after) {
        List<FieldChange> changes = new ArrayList<>();
        DealDetails was = before.deal();
        DealDetails is = after.deal();
        compare(changes, "name", was.name(), is.name(), Function.identity());
        compare(changes, "estimatedValue", was.estimatedValue(), is.estimatedValue(), FieldChange::money);
        compare(changes, "estimatedCloseDate", was.estimatedCloseDate(), is.estimatedCloseDate(), Object::toString);
        compare(changes, "notes", was.notes(), is.notes(), Function.identity());
        compare(changes, "crmId", was.crmId(), is.crmId(), Function.identity());
        compare(changes, "campaignId", was.campaignId(), is.campaignId(), Function.identity());
        compare(changes, "employees", was.employees(), is.employees(), FieldChange::contacts);
        compare(changes, "solutions", was.solutions(), is.solutions(), FieldChange::solutions);
        compare(changes, "customer.contact", before.customerContact(), after.customerContact(), FieldChange::contact);
        compare(changes, "customer.consentToShareContact", before.consentToShareContact(),
                after.consentToShareContact(), Object::toString);
        return changes;
    }

    private static <T> void compare(List<FieldChange> changes, String field, T before, T after,
                                    Function<T, String> shown) {
        if (!Objects.equals(before, after)) {
            changes.add(new FieldChange(field, shown(before, shown), shown(after, shown)));
        }
    }

    private static <T> String shown(T value, Function<T, String> shown) {
        if (value == null) {
            return null;
        }
        String text = shown.apply(value);
        return text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH - 1) + "…";
    }

    private static String money(Money money) {
        return Stream.of(money.amount() == null ? null : money.amount().toPlainString(), money.currency())
                .filter(Objects::nonNull).collect(Collectors.joining(" "));
    }

    private static String contact(Contact contact) {
        return Stream.of(contact.name(), contact.phone(), contact.email())
                .filter(Objects::nonNull).collect(Collectors.joining(", "));
    }

    private static String contacts(List<Contact> contacts) {
        return contacts.stream().map(FieldChange::contact).collect(Collectors.joining("; "));
    }

    private static String solutions(List<Solution> solutions) {
        return solutions.stream().map(Solution::name).collect(Collectors.joining(", "));
    }
}
