package org.cosell.deal.opportunity;

import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.OpportunityType;
import org.cosell.contracts.common.Origin;
import org.cosell.contracts.common.Seller;
import org.cosell.contracts.common.Sender;
import org.cosell.contracts.common.Solution;
import org.cosell.contracts.common.SuggestedDeal;
import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.contracts.referral.ReferralExpired;
import org.cosell.contracts.referral.ReferralReceived;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One opportunity of a partner, inbound or outbound, in the shape the API serves: the opportunity
 * view and, once accepted, the deal deal-service owns. An inbound opportunity follows
 * referral-service's decisions: each {@code on...} method applies one referral event and answers
 * whether it changed anything, so a replayed event changes nothing and events that arrive out of
 * order still end in the referral's true stage.
 */
@Document("opportunities")
@CompoundIndex(name = "partner_stage_updated", def = "{'partnerId': 1, 'stage': 1, 'updatedAt': -1}")
public class Opportunity {

    @Id
    private final UUID id;
    @Version
    private Long version;
    private final String partnerId;
    private Instant createdAt;
    private Instant updatedAt;
    private String referralId;
    private Sender sender;
    private Instant respondBy;
    private final Origin origin;
    private OpportunityType type;
    private Stage stage;
    private String name;
    private Money estimatedValue;
    private LocalDate estimatedCloseDate;
    private String crmId;
    private String campaignId;
    private String notes;
    private Customer customer;
    private List<Contact> employees;
    private List<Solution> solutions;
    private MicrosoftEngagement microsoftEngagement;

    @PersistenceCreator
    Opportunity(UUID id, Long version, String partnerId, Instant createdAt, Instant updatedAt, String referralId,
                Sender sender, Instant respondBy, Origin origin, OpportunityType type, Stage stage, String name,
                Money estimatedValue, LocalDate estimatedCloseDate, String crmId, String campaignId, String notes,
                Customer customer, List<Contact> employees, List<Solution> solutions,
                MicrosoftEngagement microsoftEngagement) {
        this.id = id;
        this.version = version;
        this.partnerId = partnerId;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.referralId = referralId;
        this.sender = sender;
        this.respondBy = respondBy;
        this.origin = origin;
        this.type = type;
        this.stage = stage;
        this.name = name;
        this.estimatedValue = estimatedValue;
        this.estimatedCloseDate = estimatedCloseDate;
        this.crmId = crmId;
        this.campaignId = campaignId;
        this.notes = notes;
        this.customer = customer;
        this.employees = employees == null ? List.of() : List.copyOf(employees);
        this.solutions = solutions == null ? List.of() : List.copyOf(solutions);
        this.microsoftEngagement = microsoftEngagement == null ? MicrosoftEngagement.none() : microsoftEngagement;
    }

    private static Opportunity inbound(UUID id, String partnerId, String referralId, Sender sender, Customer customer,
                                       Instant createdAt, Stage stage) {
        return new Opportunity(id, null, partnerId, createdAt, createdAt, referralId, sender, null, Origin.INBOUND,
                OpportunityType.CO_SELL, stage, null, null, null, null, null, null, customer, List.of(), List.of(),
                MicrosoftEngagement.none());
    }

    /** A referral arrived: the opportunity waits for the partner, showing the sender's suggestion. */
    public static Opportunity received(ReferralReceived referral) {
        Opportunity opportunity = inbound(referral.opportunityId(), referral.partnerId(), referral.referralId(),
                referral.sender(), referral.customer(), referral.receivedAt(), Stage.RECEIVED);
        opportunity.onReceived(referral);
        return opportunity;
    }

    /** The partner accepted a referral this view has not seen arrive yet. */
    public static Opportunity accepted(ReferralAccepted referral) {
        Opportunity opportunity = inbound(referral.opportunityId(), referral.partnerId(), referral.referralId(),
                referral.sender(), referral.customer(), referral.receivedAt(), Stage.RECEIVED);
        opportunity.onAccepted(referral);
        return opportunity;
    }

    /** A referral this view has not seen arrive was declined. */
    public static Opportunity declined(ReferralDeclined referral) {
        Opportunity opportunity = inbound(referral.opportunityId(), referral.partnerId(), referral.referralId(),
                referral.sender(), null, referral.receivedAt(), Stage.RECEIVED);
        opportunity.onDeclined(referral);
        return opportunity;
    }

    /** A referral this view has not seen arrive expired. */
    public static Opportunity expired(ReferralExpired referral) {
        Opportunity opportunity = inbound(referral.opportunityId(), referral.partnerId(), referral.referralId(),
                referral.sender(), null, referral.expiredAt(), Stage.RECEIVED);
        opportunity.onExpired(referral);
        return opportunity;
    }

    /**
     * Fills in what the arrival tells: the suggestion and the respond-by time while RECEIVED, the
     * customer and suggested terms where a decision that overtook the arrival left them empty.
     */
    public boolean onReceived(ReferralReceived referral) {
        boolean changed = false;
        if (customer == null && referral.customer() != null) {
            customer = referral.customer();
            changed = true;
        }
        SuggestedDeal suggestion = referral.deal();
        if (suggestion != null && name == null && estimatedValue == null) {
            name = suggestion.name();
            estimatedValue = suggestion.estimatedValue();
            estimatedCloseDate = suggestion.estimatedCloseDate();
            notes = suggestion.notes();
            solutions = suggestion.solutions() == null ? List.of() : List.copyOf(suggestion.solutions());
            changed = true;
        }
        if (stage == Stage.RECEIVED && respondBy == null) {
            respondBy = referral.respondBy();
            changed = true;
        }
        return changed;
    }

    public boolean onAccepted(ReferralAccepted referral) {
        if (stage != Stage.RECEIVED) {
            return false;
        }
        DealDetails deal = referral.deal();
        stage = Stage.ACCEPTED;
        name = deal.name();
        estimatedValue = deal.estimatedValue();
        estimatedCloseDate = deal.estimatedCloseDate();
        notes = deal.notes();
        crmId = deal.crmId();
        campaignId = deal.campaignId();
        employees = deal.employees() == null ? List.of() : List.copyOf(deal.employees());
        solutions = deal.solutions() == null ? List.of() : List.copyOf(deal.solutions());
        customer = referral.customer();
        respondBy = null;
        updatedAt = referral.acceptedAt();
        return true;
    }

    public boolean onDeclined(ReferralDeclined referral) {
        return close(Stage.DECLINED, referral.declinedAt());
    }

    public boolean onExpired(ReferralExpired referral) {
        return close(Stage.EXPIRED, referral.expiredAt());
    }

    private boolean close(Stage terminal, Instant at) {
        if (stage != Stage.RECEIVED) {
            return false;
        }
        stage = terminal;
        respondBy = null;
        updatedAt = at;
        return true;
    }

    public UUID id() {
        return id;
    }

    /** The version the API shows as {@code ETag}; 0 before the first save. */
    public long version() {
        return version == null ? 0 : version;
    }

    public String partnerId() {
        return partnerId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String referralId() {
        return referralId;
    }

    public Sender sender() {
        return sender;
    }

    public Instant respondBy() {
        return respondBy;
    }

    public Origin origin() {
        return origin;
    }

    public OpportunityType type() {
        return type;
    }

    public Stage stage() {
        return stage;
    }

    public String name() {
        return name;
    }

    public Money estimatedValue() {
        return estimatedValue;
    }

    public LocalDate estimatedCloseDate() {
        return estimatedCloseDate;
    }

    public String crmId() {
        return crmId;
    }

    public String campaignId() {
        return campaignId;
    }

    public String notes() {
        return notes;
    }

    public Customer customer() {
        return customer;
    }

    public List<Contact> employees() {
        return employees;
    }

    public List<Solution> solutions() {
        return solutions;
    }

    public MicrosoftEngagement microsoftEngagement() {
        return microsoftEngagement;
    }

    /** Where a co-sell request to Microsoft stands. */
    public record MicrosoftEngagement(EngagementStatus status, Instant requestedAt, Instant respondBy, String notes,
                                      Seller seller) {

        public static MicrosoftEngagement none() {
            return new MicrosoftEngagement(EngagementStatus.NONE, null, null, null, null);
        }
    }
}
