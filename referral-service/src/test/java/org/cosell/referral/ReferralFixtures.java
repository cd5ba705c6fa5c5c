package org.cosell.referral;

import org.cosell.contracts.common.Actor;
import org.cosell.contracts.common.Address;
import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.Sender;
import org.cosell.contracts.common.SenderKind;
import org.cosell.contracts.common.Solution;
import org.cosell.contracts.common.SolutionType;
import org.cosell.contracts.common.SuggestedDeal;
import org.cosell.contracts.referral.ReferralOffered;
import org.cosell.referral.domain.Referral;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** Valid referral data to start from; tests change what they are about. */
public final class ReferralFixtures {

    private ReferralFixtures() {
    }

    public static ReferralOffered offer(String referralId, String partnerId) {
        return new ReferralOffered(referralId, partnerId,
                new Sender(SenderKind.MICROSOFT, "Sam Seller", "sam.seller@microsoft.example", null),
                new Customer("Contoso Ltd", "123456789",
                        new Address("1 Main Street", "Seattle", "WA", "98101", "US"),
                        new Contact("Ada Buyer", "+1 206 555 0100", "ada@contoso.example"), true),
                new SuggestedDeal("Contoso AI rollout", new Money(new BigDecimal("25000.00"), "USD"),
                        LocalDate.parse("2027-03-31"), "Wants a pilot",
                        List.of(new Solution("sol-1", "Azure AI Foundry", SolutionType.MICROSOFT))),
                Instant.parse("2026-11-24T10:00:00Z"));
    }

    /** The person who answers in tests that call the domain or application directly. */
    public static final Actor ACTOR = new Actor("user-ada", "Ada Partner");

    public static DealDetails terms() {
        return new DealDetails("Contoso AI pilot", new Money(new BigDecimal("30000.00"), "EUR"),
                LocalDate.parse("2027-06-30"), "Pilot first", "CRM-1", "CAMP-1",
                List.of(new Contact("Pat Partner", "+1 425 555 0199", "pat@fabrikam.example")), List.of());
    }

    /** The referral {@code senderSystem} offered as {@code referralId}, if stored. */
    public static Optional<Referral> storedReferral(MongoTemplate mongo, String senderSystem, String referralId) {
        return Optional.ofNullable(mongo.findOne(query(where("senderSystem").is(senderSystem).and("referralId").is(referralId)),
                Referral.class));
    }

    /** Every stored referral offered as {@code referralId}, by any sender system. */
    public static List<Referral> storedReferrals(MongoTemplate mongo, String referralId) {
        return mongo.find(query(where("referralId").is(referralId)), Referral.class);
    }
}
