package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.EventType;
import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.common.LostReason;
import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.OpportunityType;
import org.cosell.contracts.common.Origin;
import org.cosell.contracts.common.Registration;
import org.cosell.contracts.common.Seller;
import org.cosell.contracts.common.Sender;
import org.cosell.contracts.common.Solution;
import org.cosell.contracts.common.SuggestedDeal;
import org.cosell.contracts.deal.DealCosellRequested;
import org.cosell.contracts.deal.DealCreated;
import org.cosell.contracts.deal.DealEngagementChanged;
import org.cosell.contracts.deal.DealLost;
import org.cosell.contracts.deal.DealUpdated;
import org.cosell.contracts.deal.DealWon;
import org.cosell.contracts.engagement.EngagementDecision;
import org.cosell.contracts.engagement.EngagementRequested;
import org.cosell.contracts.outcome.OpportunityOutcome;
import org.cosell.contracts.outcome.Outcome;
import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.contracts.referral.ReferralExpired;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.deal.opportunity.application.OpportunityStore;
import org.cosell.support.domain.RuleViolation;
import org.cosell.support.idempotency.IdempotentRequest;
import org.cosell.support.outbox.Aggregate;
import org.cosell.support.outbox.OutboxEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.TypeAlias;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * One opportunity of a partner, inbound or outbound, in the shape the API serves: the opportunity
 * view and, once accepted, the deal deal-service owns.
 * <p>
 * An inbound opportunity follows referral-service's decisions: each {@code on...} method applies one
 * referral event and answers whether it changed anything, so a replayed event changes nothing and
 * events that arrive out of order still end in the referral's true stage.
 * <p>
 * From ACCEPTED on (an accepted referral or a deal the partner created) the deal's own moves apply:
 * one guarded method per move, refusing with {@link DealMoveRefused}. Each move raises the events it
 * caused, which {@link OpportunityStore} writes with the state in one atomic write. Times are kept to
 * the millisecond, as MongoDB stores them. The type alias is the class name the stored documents
 * carry from before the class moved package, so that old and new documents stay alike.
 */
@Document("opportunities")
@TypeAlias("org.cosell.deal.opportunity.Opportunity")
@CompoundIndex(name = "partner_stage_updated", def = "{'partnerId': 1, 'stage': 1, 'updatedAt': -1}")
public class Opportunity extends Aggregate {

    @Id
    private final UUID id;
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
    private Instant receivedAt;
    private Instant answeredAt;
    private Closing closing;
    private IdempotentRequest closedWith;

    @PersistenceCreator
    Opportunity(UUID id, Long version, String partnerId, Instant createdAt, Instant updatedAt, String referralId,
                Sender sender, Instant respondBy, Origin origin, OpportunityType type, Stage stage, String name,
                Money estimatedValue, LocalDate estimatedCloseDate, String crmId, String campaignId, String notes,
                Customer customer, List<Contact> employees, List<Solution> solutions,
                MicrosoftEngagement microsoftEngagement, Instant receivedAt, Instant answeredAt, Closing closing,
                IdempotentRequest closedWith, List<OutboxEvent> pendingEvents) {
        super(version, pendingEvents);
        this.id = id;
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
        this.receivedAt = receivedAt;
        this.answeredAt = answeredAt;
        this.closing = closing;
        this.closedWith = closedWith;
    }

    private static Opportunity inbound(UUID id, String partnerId, String referralId, Sender sender, Customer customer,
                                       Instant createdAt, Instant receivedAt) {
        return new Opportunity(id, null, partnerId, createdAt, createdAt, referralId, sender, null, Origin.INBOUND,
                OpportunityType.CO_SELL, Stage.RECEIVED, null, null, null, null, null, null, customer, List.of(),
                List.of(), MicrosoftEngagement.none(), receivedAt, null, null, null, List.of());
    }

    /** A referral arrived: the opportunity waits for the partner, showing the sender's suggestion. */
    public static Opportunity received(ReferralReceived referral) {
        Opportunity opportunity = inbound(referral.opportunityId(), referral.partnerId(), referral.referralId(),
                referral.sender(), referral.customer(), referral.receivedAt(), referral.receivedAt());
        opportunity.onReceived(referral);
        return opportunity;
    }

    /** The partner accepted a referral this view has not seen arrive yet. */
    public static Opportunity accepted(ReferralAccepted referral) {
        Opportunity opportunity = inbound(referral.opportunityId(), referral.partnerId(), referral.referralId(),
                referral.sender(), referral.customer(), referral.receivedAt(), referral.receivedAt());
        opportunity.onAccepted(referral);
        return opportunity;
    }

    /** A referral this view has not seen arrive was declined. */
    public static Opportunity declined(ReferralDeclined referral) {
        Opportunity opportunity = inbound(referral.opportunityId(), referral.partnerId(), referral.referralId(),
                referral.sender(), null, referral.receivedAt(), referral.receivedAt());
        opportunity.onDeclined(referral);
        return opportunity;
    }

    /** A referral this view has not seen arrive expired; when it arrived is learnt from its arrival. */
    public static Opportunity expired(ReferralExpired referral) {
        Opportunity opportunity = inbound(referral.opportunityId(), referral.partnerId(), referral.referralId(),
                referral.sender(), null, referral.expiredAt(), null);
        opportunity.onExpired(referral);
        return opportunity;
    }

    /**
     * The partner creates an outbound deal: ACCEPTED at once, a private pipeline deal unless
     * {@code help} asks Microsoft in, which is then requested in the same step. The creation is
     * announced first, with the deal as it stands after the request.
     *
     * @param help Microsoft's help asked for at creation, or {@code null}
     */
    public static Opportunity create(UUID id, String partnerId, CustomerIdentity customer, DealTerms terms,
                                     CosellRequest help, Instant now, Duration engagementWindow) {
        Instant createdAt = millis(now);
        Opportunity deal = new Opportunity(id, null, partnerId, createdAt, createdAt, null, null, null, Origin.OUTBOUND,
                OpportunityType.PRIVATE_PIPELINE, Stage.ACCEPTED, null, null, null, null, null, null,
                new Customer(customer.name(), customer.dunsNumber(), customer.address(), null, false), List.of(),
                List.of(), MicrosoftEngagement.none(), null, null, null, null, List.of());
        deal.apply(terms);
        if (help != null) {
            deal.requestCosell(help, now, engagementWindow);
        }
        deal.raiseFirst(EventType.DEAL_CREATED, new DealCreated(id, partnerId, Origin.OUTBOUND,
                deal.type, null, deal.customer, deal.details(), createdAt));
        return deal;
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
        if (receivedAt == null && referral.receivedAt() != null) {
            receivedAt = referral.receivedAt();
            changed = true;
        }
        return changed;
    }

    /** The partner accepted the referral: from now on this is a deal that deal-service holds. */
    public boolean onAccepted(ReferralAccepted referral) {
        if (stage != Stage.RECEIVED) {
            return false;
        }
        stage = Stage.ACCEPTED;
        take(referral.deal());
        customer = referral.customer();
        respondBy = null;
        answeredAt = referral.acceptedAt();
        updatedAt = referral.acceptedAt();
        return true;
    }

    public boolean onDeclined(ReferralDeclined referral) {
        if (close(Stage.DECLINED, referral.declinedAt())) {
            answeredAt = referral.declinedAt();
            return true;
        }
        return false;
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

    /** The editable part of the deal as it stands; what a merge patch is applied to. */
    public DealTerms terms() {
        Customer current = knownCustomer();
        return new DealTerms(details(), current.contact(), current.consentToShareContact());
    }

    /**
     * The partner edits the deal's terms. Refused unless ACCEPTED; answers {@code false}, raising
     * nothing, when the change leaves every term as it was.
     */
    public boolean edit(UnaryOperator<DealTerms> change, Instant now) {
        requireAccepted(DealMove.EDIT, stage, "only an ACCEPTED deal can be edited");
        DealTerms before = terms();
        DealTerms after = change.apply(before);
        if (after.equals(before)) {
            return false;
        }
        apply(after);
        updatedAt = millis(now);
        raise(EventType.DEAL_UPDATED, new DealUpdated(id, partnerId, customer, details(), updatedAt));
        return true;
    }

    /**
     * The partner asks Microsoft for help: only on an ACCEPTED deal that has not asked before, with
     * notes and a complete customer contact the customer agreed to share. The deal becomes co-sell
     * and Microsoft sellers have until {@code now + engagementWindow} to answer.
     */
    public void requestCosell(CosellRequest request, Instant now, Duration engagementWindow) {
        requireAccepted(DealMove.REQUEST_COSELL, stage, "only an ACCEPTED deal can ask Microsoft for help");
        EngagementStatus engagement = microsoftEngagement.status();
        if (engagement != EngagementStatus.NONE) {
            throw new DealMoveRefused(DealMove.REQUEST_COSELL, engagement, EngagementStatus.REQUESTED,
                    "Microsoft's help is asked for once per deal");
        }
        if (request.notes() == null || request.notes().isBlank()) {
            throw new RuleViolation("notes", "must say what help is wanted");
        }
        if (!request.consentToShareContact()) {
            throw new RuleViolation("consentToShareContact", "must be true: Microsoft needs the customer contact");
        }
        Contact contact = request.customerContact() != null ? request.customerContact() : knownCustomer().contact();
        if (!isComplete(contact)) {
            throw new RuleViolation("customerContact",
                    "a customer contact with name, phone and e-mail is required to ask Microsoft for help");
        }
        Customer current = knownCustomer();
        customer = new Customer(current.name(), current.dunsNumber(), current.address(), contact, true);
        type = OpportunityType.CO_SELL;
        Instant requestedAt = millis(now);
        microsoftEngagement = new MicrosoftEngagement(EngagementStatus.REQUESTED, requestedAt,
                requestedAt.plus(engagementWindow), request.notes(), null, null, null, null);
        updatedAt = requestedAt;
        raise(EventType.DEAL_COSELL_REQUESTED, new DealCosellRequested(id, partnerId, request.notes(), requestedAt,
                microsoftEngagement.respondBy()));
        raise(EventType.DEAL_ENGAGEMENT_CHANGED, engagementChanged(request.notes()));
        raise(EventType.ENGAGEMENT_REQUESTED, new EngagementRequested(id, partnerId, name, estimatedValue,
                estimatedCloseDate, sharedCustomer(), solutions, request.notes(), microsoftEngagement.respondBy()));
    }

    /**
     * A Microsoft seller answers the co-sell request. Refused unless the deal is ACCEPTED and its
     * request waits for an answer; the same answer delivered again ({@code eventId}) changes nothing.
     */
    public boolean answerEngagement(EngagementDecision decision, Seller seller, String sellerNotes, String eventId,
                                    Instant now) {
        if (eventId != null && eventId.equals(microsoftEngagement.answerEventId())) {
            return false;
        }
        EngagementStatus to = decision == EngagementDecision.ENGAGED ? EngagementStatus.ENGAGED : EngagementStatus.DECLINED;
        if (stage != Stage.ACCEPTED) {
            throw new DealMoveRefused(DealMove.ANSWER_ENGAGEMENT, microsoftEngagement.status(), to,
                    "the deal is " + stage);
        }
        if (microsoftEngagement.status() != EngagementStatus.REQUESTED) {
            throw new DealMoveRefused(DealMove.ANSWER_ENGAGEMENT, microsoftEngagement.status(), to,
                    "only a REQUESTED engagement is answered");
        }
        Instant answeredAt = millis(now);
        microsoftEngagement = microsoftEngagement.answered(to, seller, sellerNotes, answeredAt, eventId);
        updatedAt = answeredAt;
        raise(EventType.DEAL_ENGAGEMENT_CHANGED, engagementChanged(sellerNotes));
        return true;
    }

    /**
     * The engagement window is over: EXPIRED if Microsoft has not answered and the deal is still
     * open. Anything else (answered, over, or the deadline not reached yet) changes nothing, so a late
     * or early deadline notice is harmless.
     */
    public boolean expireEngagement(Instant now) {
        if (stage != Stage.ACCEPTED || microsoftEngagement.status() != EngagementStatus.REQUESTED
                || now.isBefore(microsoftEngagement.respondBy())) {
            return false;
        }
        Instant expiredAt = millis(now);
        microsoftEngagement = microsoftEngagement.answered(EngagementStatus.EXPIRED, null, null, expiredAt, null);
        updatedAt = expiredAt;
        raise(EventType.DEAL_ENGAGEMENT_CHANGED, engagementChanged(null));
        return true;
    }

    /**
     * Whether {@code request} repeats the call that won or lost this deal, so that its answer is this
     * deal as it stands.
     *
     * @throws org.cosell.support.idempotency.IdempotencyKeyReused when that call's key comes with another call
     */
    public boolean closedBy(IdempotentRequest request) {
        return request != null && request.repeats(closedWith);
    }

    /**
     * The deal is won. Refused unless ACCEPTED; a deal holding a registration-eligible solution must
     * say what it registers.
     *
     * @param request the call with its {@code Idempotency-Key}, or {@code null}; kept so that a repeat gets this answer
     */
    public void markWon(Registration registration, boolean registrationRequired, Instant now, IdempotentRequest request) {
        requireAccepted(DealMove.MARK_WON, Stage.WON, "only an ACCEPTED deal has an outcome");
        if (registrationRequired && registration == null) {
            throw new RuleViolation("registration",
                    "is required: the deal holds a solution that is registration-eligible in the catalog");
        }
        Instant wonAt = millis(now);
        stage = Stage.WON;
        closing = new Closing(wonAt, null, null, registration);
        closedWith = request;
        updatedAt = wonAt;
        raise(EventType.DEAL_WON, new DealWon(id, partnerId, registration, wonAt));
        raise(EventType.OPPORTUNITY_OUTCOME, outcome(Outcome.WON, null, null, registration, wonAt));
    }

    /** The deal is lost. Refused unless ACCEPTED. {@code request} as for {@link #markWon}. */
    public void markLost(LostReason reason, String lostNotes, Instant now, IdempotentRequest request) {
        requireAccepted(DealMove.MARK_LOST, Stage.LOST, "only an ACCEPTED deal has an outcome");
        Instant lostAt = millis(now);
        stage = Stage.LOST;
        closing = new Closing(lostAt, reason, lostNotes, null);
        closedWith = request;
        updatedAt = lostAt;
        raise(EventType.DEAL_LOST, new DealLost(id, partnerId, reason, lostNotes, lostAt));
        raise(EventType.OPPORTUNITY_OUTCOME, outcome(Outcome.LOST, reason == null ? null : reason.name(), lostNotes,
                null, lostAt));
    }

    private void requireAccepted(DealMove move, Stage to, String why) {
        if (stage != Stage.ACCEPTED) {
            throw new DealMoveRefused(move, stage, to, why);
        }
    }

    private void apply(DealTerms terms) {
        take(terms.deal());
        Customer current = knownCustomer();
        customer = new Customer(current.name(), current.dunsNumber(), current.address(), terms.customerContact(),
                terms.consentToShareContact());
    }

    private void take(DealDetails deal) {
        name = deal.name();
        estimatedValue = deal.estimatedValue();
        estimatedCloseDate = deal.estimatedCloseDate();
        notes = deal.notes();
        crmId = deal.crmId();
        campaignId = deal.campaignId();
        employees = deal.employees() == null ? List.of() : List.copyOf(deal.employees());
        solutions = deal.solutions() == null ? List.of() : List.copyOf(deal.solutions());
    }

    private DealDetails details() {
        return new DealDetails(name, estimatedValue, estimatedCloseDate, notes, crmId, campaignId, employees, solutions);
    }

    /** The customer as Microsoft may see it: the contact only with the customer's consent. */
    private Customer sharedCustomer() {
        Customer current = knownCustomer();
        return current.consentToShareContact() ? current
                : new Customer(current.name(), current.dunsNumber(), current.address(), null, false);
    }

    private DealEngagementChanged engagementChanged(String changeNotes) {
        return new DealEngagementChanged(id, partnerId, name, microsoftEngagement.status(), microsoftEngagement.seller(),
                changeNotes, employees, updatedAt);
    }

    private OpportunityOutcome outcome(Outcome outcome, String reason, String outcomeNotes, Registration registration,
                                       Instant at) {
        return new OpportunityOutcome(id, partnerId, origin, referralId, outcome, name, estimatedValue,
                estimatedCloseDate, reason, outcomeNotes, registration, solutions, at);
    }

    private static boolean isComplete(Contact contact) {
        return contact != null && isPresent(contact.name()) && isPresent(contact.phone()) && isPresent(contact.email());
    }

    private static boolean isPresent(String value) {
        return value != null && !value.isBlank();
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public UUID id() {
        return id;
    }

    @Override
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

    /** The customer; {@code null} while a decision that overtook the referral's arrival leaves it unknown. */
    public Customer customer() {
        return customer;
    }

    private Customer knownCustomer() {
        return customer == null ? new Customer(null, null, null, null, false) : customer;
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

    /** When the referral arrived (inbound only). */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** When the partner accepted or declined the referral (inbound only). */
    public Instant answeredAt() {
        return answeredAt;
    }

    /** How the deal ended, once WON or LOST. */
    public IdempotentRequest closedWith() {
        return closedWith;
    }

    public Closing closing() {
        return closing;
    }

    /**
     * Where a co-sell request to Microsoft stands.
     *
     * @param notes         what help the partner asked for
     * @param sellerNotes   what the answering seller said
     * @param answerEventId the event that answered, so that its redelivery is recognised
     */
    public record MicrosoftEngagement(EngagementStatus status, Instant requestedAt, Instant respondBy, String notes,
                                      Seller seller, String sellerNotes, Instant answeredAt, String answerEventId) {

        public static MicrosoftEngagement none() {
            return new MicrosoftEngagement(EngagementStatus.NONE, null, null, null, null, null, null, null);
        }

        MicrosoftEngagement answered(EngagementStatus to, Seller by, String byNotes, Instant at, String eventId) {
            return new MicrosoftEngagement(to, requestedAt, respondBy, notes, by, byNotes, at, eventId);
        }
    }

    /** How a deal ended: when, why it was lost, what a win registers. */
    public record Closing(Instant closedAt, LostReason lostReason, String notes, Registration registration) {
    }
}
