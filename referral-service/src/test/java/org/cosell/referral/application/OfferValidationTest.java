package org.cosell.referral.application;

import org.cosell.contracts.common.Address;
import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.Sender;
import org.cosell.contracts.common.SenderKind;
import org.cosell.contracts.common.Solution;
import org.cosell.contracts.common.SuggestedDeal;
import org.cosell.contracts.referral.ReferralOffered;
import org.cosell.referral.ReferralFixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class OfferValidationTest {

    private static final ReferralOffered VALID = ReferralFixtures.offer("R-1", "4412345");

    @Test
    void aCompleteOfferIsValid() {
        assertThat(OfferValidation.violationsOf(VALID).list()).isEmpty();
    }

    @Test
    void namesEachBrokenRule() {
        assertViolation(offer -> with(offer, "", offer.targetPartnerId()), "data.referralId: is required");
        assertViolation(offer -> with(offer, offer.referralId(), "MPN-1"), "data.targetPartnerId: must be an MPN id (digits)");
        assertViolation(offer -> sender(offer, new Sender(SenderKind.PARTNER, "Pia", "pia@partner.example", null)),
                "data.sender.partnerId: is required");
        assertViolation(offer -> sender(offer, new Sender(SenderKind.MICROSOFT, "Sam", "not-an-address", null)),
                "data.sender.email: must be an e-mail address");
        assertViolation(offer -> sender(offer, new Sender(null, "Sam", "sam@microsoft.example", null)),
                "data.sender.kind: is required (MICROSOFT or PARTNER)");
        assertViolation(offer -> customer(offer, new Customer(" ", null, address("US"), null, false)),
                "data.customer.name: is required");
        assertViolation(offer -> customer(offer, new Customer("Contoso", "12345678", address("US"), null, false)),
                "data.customer.dunsNumber: must be exactly 9 digits");
        assertViolation(offer -> customer(offer, new Customer("Contoso", null, address("USA"), null, false)),
                "data.customer.address.country: must be an ISO 3166 alpha-2 country code");
        assertViolation(offer -> customer(offer, new Customer("Contoso", null, null, null, false)),
                "data.customer.address: is required");
        assertViolation(offer -> customer(offer, new Customer("Contoso", null, address("US"),
                        new Contact("Ada", "1", "ada(at)contoso"), true)),
                "data.customer.contact.email: must be an e-mail address");
        assertViolation(offer -> deal(offer, new SuggestedDeal(null, new Money(BigDecimal.ZERO, "USD"), offer.deal().estimatedCloseDate(), null, solutions())),
                "data.deal.estimatedValue.amount: must be a decimal greater than 0");
        assertViolation(offer -> deal(offer, new SuggestedDeal(null, new Money(BigDecimal.TEN, "XYZ"), offer.deal().estimatedCloseDate(), null, solutions())),
                "data.deal.estimatedValue.currency: must be an ISO 4217 currency code");
        assertViolation(offer -> deal(offer, new SuggestedDeal(null, new Money(BigDecimal.TEN, "USD"), null, null, solutions())),
                "data.deal.estimatedCloseDate: is required (ISO date)");
        assertViolation(offer -> deal(offer, new SuggestedDeal(null, new Money(BigDecimal.TEN, "USD"),
                        LocalDate.parse("+999999999-12-31"), null, solutions())),
                "data.deal.estimatedCloseDate: must be a date from 0001-01-01 to 9999-12-31");
        assertViolation(offer -> deal(offer, new SuggestedDeal(null, new Money(BigDecimal.TEN, "USD"),
                        LocalDate.parse("0000-12-31"), null, solutions())),
                "data.deal.estimatedCloseDate: must be a date from 0001-01-01 to 9999-12-31");
        assertViolation(offer -> deal(offer, new SuggestedDeal(null, new Money(BigDecimal.TEN, "USD"),
                        offer.deal().estimatedCloseDate(), null, List.of())),
                "data.deal.solutions: must hold at least one solution");
        assertViolation(offer -> deal(offer, new SuggestedDeal(null, new Money(BigDecimal.TEN, "USD"),
                        offer.deal().estimatedCloseDate(), null, List.of(new Solution("s", "S", null)))),
                "data.deal.solutions[0].type: is required (PARTNER, MICROSOFT or THIRD_PARTY)");
    }

    @Test
    void reportsEveryViolationAtOnce() {
        ReferralOffered broken = new ReferralOffered(null, null, null, null, null, null);

        assertThat(OfferValidation.violationsOf(broken).list()).containsExactly(
                "data.referralId: is required", "data.targetPartnerId: is required", "data.sender: is required",
                "data.customer: is required", "data.deal: is required");
    }

    private static void assertViolation(UnaryOperator<ReferralOffered> breakIt, String violation) {
        assertThat(OfferValidation.violationsOf(breakIt.apply(VALID)).list()).containsExactly(violation);
    }

    private static ReferralOffered with(ReferralOffered offer, String referralId, String partnerId) {
        return new ReferralOffered(referralId, partnerId, offer.sender(), offer.customer(), offer.deal(), offer.sentAt());
    }

    private static ReferralOffered sender(ReferralOffered offer, Sender sender) {
        return new ReferralOffered(offer.referralId(), offer.targetPartnerId(), sender, offer.customer(), offer.deal(),
                offer.sentAt());
    }

    private static ReferralOffered customer(ReferralOffered offer, Customer customer) {
        return new ReferralOffered(offer.referralId(), offer.targetPartnerId(), offer.sender(), customer, offer.deal(),
                offer.sentAt());
    }

    private static ReferralOffered deal(ReferralOffered offer, SuggestedDeal deal) {
        return new ReferralOffered(offer.referralId(), offer.targetPartnerId(), offer.sender(), offer.customer(), deal,
                offer.sentAt());
    }

    private static Address address(String country) {
        return new Address(null, "Seattle", null, null, country);
    }

    private static List<Solution> solutions() {
        return VALID.deal().solutions();
    }
}
