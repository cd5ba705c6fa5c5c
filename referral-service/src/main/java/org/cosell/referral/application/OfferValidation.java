package org.cosell.referral.application;

import org.cosell.contracts.Limits;
import org.cosell.contracts.common.Address;
import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.Sender;
import org.cosell.contracts.common.SenderKind;
import org.cosell.contracts.common.Solution;
import org.cosell.contracts.common.SuggestedDeal;
import org.cosell.contracts.referral.ReferralOffered;
import org.cosell.support.validation.FourDigitYear;
import org.cosell.support.validation.IsoCountry;
import org.cosell.support.validation.IsoCurrency;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules an offered referral must meet (docs/api.md and docs/events.md) before it is stored. Every violation is
 * named as {@code data.<path>: <rule>}, the reason a dead-lettered record carries. Unknown fields
 * are ignored; the enums of an offer (sender kind, solution type) are ones the rules depend on, so
 * an unknown value is a violation, not tolerated.
 */
public final class OfferValidation {

    private static final Pattern DIGITS = Pattern.compile(Limits.MPN_ID);
    private static final Pattern DUNS = Pattern.compile("\\d{9}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final List<String> violations = new ArrayList<>();

    private OfferValidation() {
    }

    /** The violations of {@code offer}, empty when it may be stored. */
    public static List<String> violationsOf(ReferralOffered offer) {
        OfferValidation validation = new OfferValidation();
        validation.check(offer);
        return List.copyOf(validation.violations);
    }

    private void check(ReferralOffered offer) {
        text("referralId", offer.referralId(), Limits.NAME);
        if (required("targetPartnerId", offer.targetPartnerId()) && !DIGITS.matcher(offer.targetPartnerId()).matches()) {
            violate("targetPartnerId", "must be an MPN id (digits)");
        }
        sender(offer.sender());
        customer(offer.customer());
        deal(offer.deal());
    }

    private void sender(Sender sender) {
        if (sender == null) {
            violate("sender", "is required");
            return;
        }
        if (sender.kind() == null) {
            violate("sender.kind", "is required (MICROSOFT or PARTNER)");
        }
        text("sender.name", sender.name(), Limits.NAME);
        email("sender.email", sender.email(), true);
        if (sender.kind() == SenderKind.PARTNER && required("sender.partnerId", sender.partnerId())
                && !DIGITS.matcher(sender.partnerId()).matches()) {
            violate("sender.partnerId", "must be an MPN id (digits)");
        }
    }

    private void customer(Customer customer) {
        if (customer == null) {
            violate("customer", "is required");
            return;
        }
        text("customer.name", customer.name(), Limits.NAME);
        if (customer.dunsNumber() != null && !DUNS.matcher(customer.dunsNumber()).matches()) {
            violate("customer.dunsNumber", "must be exactly 9 digits");
        }
        Address address = customer.address();
        if (address == null) {
            violate("customer.address", "is required");
        } else {
            optionalText("customer.address.street", address.street(), Limits.STREET);
            optionalText("customer.address.city", address.city(), Limits.CITY);
            optionalText("customer.address.region", address.region(), Limits.REGION);
            optionalText("customer.address.postalCode", address.postalCode(), Limits.POSTAL_CODE);
            if (required("customer.address.country", address.country())
                    && !IsoCountry.Validator.isValid(address.country())) {
                violate("customer.address.country", "must be an ISO 3166 alpha-2 country code");
            }
        }
        Contact contact = customer.contact();
        if (contact != null) {
            optionalText("customer.contact.name", contact.name(), Limits.NAME);
            optionalText("customer.contact.phone", contact.phone(), Limits.PHONE);
            email("customer.contact.email", contact.email(), false);
        }
    }

    private void deal(SuggestedDeal deal) {
        if (deal == null) {
            violate("deal", "is required");
            return;
        }
        optionalText("deal.name", deal.name(), Limits.NAME);
        optionalText("deal.notes", deal.notes(), Limits.NOTES);
        money(deal.estimatedValue());
        if (deal.estimatedCloseDate() == null) {
            violate("deal.estimatedCloseDate", "is required (ISO date)");
        } else if (!FourDigitYear.Validator.isValid(deal.estimatedCloseDate())) {
            violate("deal.estimatedCloseDate", "must be a date from 0001-01-01 to 9999-12-31");
        }
        if (deal.solutions() == null || deal.solutions().isEmpty()) {
            violate("deal.solutions", "must hold at least one solution");
            return;
        }
        if (deal.solutions().size() > Limits.SOLUTIONS) {
            violate("deal.solutions", "must hold at most " + Limits.SOLUTIONS + " solutions");
            return;
        }
        for (int index = 0; index < deal.solutions().size(); index++) {
            Solution solution = deal.solutions().get(index);
            String path = "deal.solutions[" + index + "]";
            if (solution == null) {
                violate(path, "is required");
                continue;
            }
            text(path + ".id", solution.id(), Limits.NAME);
            text(path + ".name", solution.name(), Limits.NAME);
            if (solution.type() == null) {
                violate(path + ".type", "is required (PARTNER, MICROSOFT or THIRD_PARTY)");
            }
        }
    }

    private void money(Money value) {
        if (value == null) {
            violate("deal.estimatedValue", "is required");
            return;
        }
        if (value.amount() == null || value.amount().compareTo(BigDecimal.ZERO) <= 0) {
            violate("deal.estimatedValue.amount", "must be a decimal greater than 0");
        } else if (!fitsAmountDigits(value.amount())) {
            violate("deal.estimatedValue.amount", "must have at most " + Limits.AMOUNT_INTEGER_DIGITS
                    + " integer and " + Limits.AMOUNT_FRACTION_DIGITS + " fraction digits");
        }
        if (required("deal.estimatedValue.currency", value.currency()) && !IsoCurrency.Validator.isValid(value.currency())) {
            violate("deal.estimatedValue.currency", "must be an ISO 4217 currency code");
        }
    }

    /** The digits REST allows an amount ({@code @Digits}, which counts them without trailing zeros). */
    private static boolean fitsAmountDigits(BigDecimal amount) {
        BigDecimal significant = amount.stripTrailingZeros();
        int fractionDigits = Math.max(significant.scale(), 0);
        int integerDigits = significant.precision() - significant.scale();
        return integerDigits <= Limits.AMOUNT_INTEGER_DIGITS && fractionDigits <= Limits.AMOUNT_FRACTION_DIGITS;
    }

    private void email(String field, String value, boolean mandatory) {
        if (mandatory ? required(field, value) : value != null) {
            if (value.length() > Limits.EMAIL || !EMAIL.matcher(value).matches()) {
                violate(field, "must be an e-mail address");
            }
        }
    }

    private void text(String field, String value, int maxLength) {
        if (required(field, value) && value.length() > maxLength) {
            violate(field, "must be at most " + maxLength + " characters");
        }
    }

    private void optionalText(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            violate(field, "must be at most " + maxLength + " characters");
        }
    }

    private boolean required(String field, String value) {
        if (value == null || value.isBlank()) {
            violate(field, "is required");
            return false;
        }
        return true;
    }

    private void violate(String field, String rule) {
        violations.add("data." + field + ": " + rule);
    }
}
