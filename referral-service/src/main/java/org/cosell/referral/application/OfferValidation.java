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
import org.cosell.support.kafka.Violations;
import org.cosell.support.validation.FourDigitYear;
import org.cosell.support.validation.IsoCountry;
import org.cosell.support.validation.IsoCurrency;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The rules an offered referral must meet (docs/api.md and docs/events.md) before it is stored. Every violation is
 * named as {@code data.<path>: <rule>} ({@link Violations}), the reason a dead-lettered record carries. Unknown fields
 * are ignored; the enums of an offer (sender kind, solution type) are ones the rules depend on, so
 * an unknown value is a violation, not tolerated.
 */
public final class OfferValidation {

    private static final Pattern DUNS = Pattern.compile("\\d{9}");

    private final Violations violations = new Violations();

    private OfferValidation() {
    }

    /** The violations of {@code offer}, none when it may be stored. */
    public static Violations violationsOf(ReferralOffered offer) {
        OfferValidation validation = new OfferValidation();
        validation.check(offer);
        return validation.violations;
    }

    private void check(ReferralOffered offer) {
        violations.text("referralId", offer.referralId(), Limits.NAME)
                .mpnId("targetPartnerId", offer.targetPartnerId());
        sender(offer.sender());
        customer(offer.customer());
        deal(offer.deal());
    }

    private void sender(Sender sender) {
        if (sender == null) {
            violations.add("sender", "is required");
            return;
        }
        if (sender.kind() == null) {
            violations.add("sender.kind", "is required (MICROSOFT or PARTNER)");
        }
        violations.text("sender.name", sender.name(), Limits.NAME)
                .requiredEmail("sender.email", sender.email());
        if (sender.kind() == SenderKind.PARTNER) {
            violations.mpnId("sender.partnerId", sender.partnerId());
        }
    }

    private void customer(Customer customer) {
        if (customer == null) {
            violations.add("customer", "is required");
            return;
        }
        violations.text("customer.name", customer.name(), Limits.NAME);
        if (customer.dunsNumber() != null && !DUNS.matcher(customer.dunsNumber()).matches()) {
            violations.add("customer.dunsNumber", "must be exactly 9 digits");
        }
        Address address = customer.address();
        if (address == null) {
            violations.add("customer.address", "is required");
        } else {
            violations.optionalText("customer.address.street", address.street(), Limits.STREET)
                    .optionalText("customer.address.city", address.city(), Limits.CITY)
                    .optionalText("customer.address.region", address.region(), Limits.REGION)
                    .optionalText("customer.address.postalCode", address.postalCode(), Limits.POSTAL_CODE);
            if (violations.present("customer.address.country", address.country())
                    && !IsoCountry.Validator.isValid(address.country())) {
                violations.add("customer.address.country", "must be an ISO 3166 alpha-2 country code");
            }
        }
        Contact contact = customer.contact();
        if (contact != null) {
            violations.optionalText("customer.contact.name", contact.name(), Limits.NAME)
                    .optionalText("customer.contact.phone", contact.phone(), Limits.PHONE)
                    .email("customer.contact.email", contact.email());
        }
    }

    private void deal(SuggestedDeal deal) {
        if (deal == null) {
            violations.add("deal", "is required");
            return;
        }
        violations.optionalText("deal.name", deal.name(), Limits.NAME)
                .optionalText("deal.notes", deal.notes(), Limits.NOTES);
        money(deal.estimatedValue());
        if (deal.estimatedCloseDate() == null) {
            violations.add("deal.estimatedCloseDate", "is required (ISO date)");
        } else if (!FourDigitYear.Validator.isValid(deal.estimatedCloseDate())) {
            violations.add("deal.estimatedCloseDate", "must be a date from 0001-01-01 to 9999-12-31");
        }
        if (deal.solutions() == null || deal.solutions().isEmpty()) {
            violations.add("deal.solutions", "must hold at least one solution");
            return;
        }
        if (deal.solutions().size() > Limits.SOLUTIONS) {
            violations.add("deal.solutions", "must hold at most " + Limits.SOLUTIONS + " solutions");
            return;
        }
        for (int index = 0; index < deal.solutions().size(); index++) {
            Solution solution = deal.solutions().get(index);
            String path = "deal.solutions[" + index + "]";
            if (solution == null) {
                violations.add(path, "is required");
                continue;
            }
            violations.text(path + ".id", solution.id(), Limits.NAME)
                    .text(path + ".name", solution.name(), Limits.NAME);
            if (solution.type() == null) {
                violations.add(path + ".type", "is required (PARTNER, MICROSOFT or THIRD_PARTY)");
            }
        }
    }

    private void money(Money value) {
        if (value == null) {
            violations.add("deal.estimatedValue", "is required");
            return;
        }
        if (value.amount() == null || value.amount().compareTo(BigDecimal.ZERO) <= 0) {
            violations.add("deal.estimatedValue.amount", "must be a decimal greater than 0");
        } else if (!fitsAmountDigits(value.amount())) {
            violations.add("deal.estimatedValue.amount", "must have at most " + Limits.AMOUNT_INTEGER_DIGITS
                    + " integer and " + Limits.AMOUNT_FRACTION_DIGITS + " fraction digits");
        }
        if (violations.present("deal.estimatedValue.currency", value.currency())
                && !IsoCurrency.Validator.isValid(value.currency())) {
            violations.add("deal.estimatedValue.currency", "must be an ISO 4217 currency code");
        }
    }

    /** The digits REST allows an amount ({@code @Digits}, which counts them without trailing zeros). */
    private static boolean fitsAmountDigits(BigDecimal amount) {
        BigDecimal significant = amount.stripTrailingZeros();
        int fractionDigits = Math.max(significant.scale(), 0);
        int integerDigits = significant.precision() - significant.scale();
        return integerDigits <= Limits.AMOUNT_INTEGER_DIGITS && fractionDigits <= Limits.AMOUNT_FRACTION_DIGITS;
    }
}
