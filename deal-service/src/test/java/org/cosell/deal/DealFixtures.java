package org.cosell.deal;

import org.cosell.contracts.common.Actor;
import org.cosell.contracts.common.Address;
import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.DeclineReason;
import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.Registration;
import org.cosell.contracts.common.Sender;
import org.cosell.contracts.common.SenderKind;
import org.cosell.contracts.common.Solution;
import org.cosell.contracts.common.SolutionType;
import org.cosell.contracts.common.SuggestedDeal;
import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.contracts.referral.ReferralExpired;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.deal.opportunity.domain.CosellRequest;
import org.cosell.deal.opportunity.domain.CustomerIdentity;
import org.cosell.deal.opportunity.domain.DealTerms;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Valid deal data to start from, for domain tests; tests change what they are about. */
public final class DealFixtures {

    public static final String PARTNER_ID = "4412345";
    public static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    public static final Duration ENGAGEMENT_WINDOW = Duration.ofDays(14);
    public static final Contact CUSTOMER_CONTACT = new Contact("Ada Buyer", "+1 206 555 0100", "ada@contoso.example");
    public static final Contact EMPLOYEE = new Contact("Pat Partner", "+1 425 555 0199", "pat@fabrikam.example");
    /** The person of the partner who makes the moves in tests that call the domain or application directly. */
    public static final Actor ACTOR = new Actor("user-pat", "Pat Partner");
    public static final Solution SOLUTION = new Solution("sol-azure-ai", "Azure AI Foundry", SolutionType.MICROSOFT);

    private DealFixtures() {
    }

    public static CustomerIdentity customer() {
        return new CustomerIdentity("Contoso Ltd", "123456789",
                new Address("1 Main Street", "Seattle", "WA", "98101", "US"));
    }

    public static DealTerms terms() {
        return new DealTerms(new DealDetails("Contoso AI pilot", new Money(new BigDecimal("30000.00"), "EUR"),
                LocalDate.parse("2027-06-30"), "Pilot first", "CRM-1", "CAMP-1", List.of(EMPLOYEE), List.of(SOLUTION)),
                CUSTOMER_CONTACT, true);
    }

    /** {@code terms} under another name. */
    public static DealTerms renamed(DealTerms terms, String name) {
        DealDetails deal = terms.deal();
        return new DealTerms(new DealDetails(name, deal.estimatedValue(), deal.estimatedCloseDate(), deal.notes(),
                deal.crmId(), deal.campaignId(), deal.employees(), deal.solutions()), terms.customerContact(),
                terms.consentToShareContact());
    }

    public static CosellRequest help() {
        return new CosellRequest("Need an Azure architect", null, true, null);
    }

    public static Registration registration() {
        return new Registration(new Money(new BigDecimal("31000.00"), "EUR"), LocalDate.parse("2026-11-20"), null,
                "Three-year agreement");
    }

    public static ReferralReceived referralReceived(UUID id) {
        return new ReferralReceived(id, "REF-" + id, PARTNER_ID, sender(), referralCustomer(),
                new SuggestedDeal("Contoso AI rollout", new Money(new BigDecimal("25000.00"), "USD"),
                        LocalDate.parse("2027-03-31"), "Wants a pilot", List.of(SOLUTION)),
                NOW, NOW.plus(Duration.ofDays(14)));
    }

    public static ReferralAccepted referralAccepted(UUID id) {
        return new ReferralAccepted(id, "REF-" + id, PARTNER_ID, sender(), referralCustomer(),
                new DealDetails("Contoso AI rollout", new Money(new BigDecimal("25000.00"), "USD"),
                        LocalDate.parse("2027-03-31"), "Pilot first", "CRM-7", null, List.of(EMPLOYEE), List.of(SOLUTION)),
                NOW, NOW.plus(Duration.ofHours(2)), ACTOR);
    }

    public static ReferralDeclined referralDeclined(UUID id) {
        return new ReferralDeclined(id, "REF-" + id, PARTNER_ID, sender(), DeclineReason.NOT_A_FIT, null, NOW,
                NOW.plus(Duration.ofHours(3)), ACTOR);
    }

    public static ReferralExpired referralExpired(UUID id) {
        return new ReferralExpired(id, "REF-" + id, PARTNER_ID, sender(), NOW.plus(Duration.ofDays(14)),
                NOW.plus(Duration.ofDays(14)));
    }

    private static Sender sender() {
        return new Sender(SenderKind.MICROSOFT, "Sam Seller", "sam.seller@microsoft.example", null);
    }

    private static Customer referralCustomer() {
        return new Customer("Contoso Ltd", "123456789", new Address("1 Main Street", "Seattle", "WA", "98101", "US"),
                CUSTOMER_CONTACT, true);
    }
}
