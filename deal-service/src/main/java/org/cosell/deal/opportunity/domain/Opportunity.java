package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.EventType;
import org.cosell.contracts.common.Actor;
import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.DeclineReason;
import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.common.LostReason;
import org.cosell.contracts.common.OpportunityType;
import org.cosell.contracts.common.Origin;
import org.cosell.contracts.common.Registration;
import org.cosell.contracts.common.SalesStage;
import org.cosell.contracts.common.Seller;
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
import org.cosell.support.domain.RuleViolation;
import org.cosell.support.idempotency.IdempotentRequest;
import org.cosell.support.outbox.Aggregate;
import org.cosell.support.outbox.OutboxEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.TypeAlias;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * One opportunity of a partner, inbound or outbound, in the shape the API serves: the opportunity
 * view and, once accepted, the deal deal-service owns. The aggregate is made of parts that keep
 * their own rules: the deal's terms ({@link DealTerms}, the {@link DealDetails} its events carry),
 * what the referral told ({@link InboundReferral}) and the co-sell request to Microsoft
 * ({@link MicrosoftEngagement}). The opportunity holds the stage, guards each move by it, and
 * raises the events the move caused, which its store writes with the state in one atomic write.
 * <p>
 * An inbound opportunity follows referral-service's decisions: each {@code on...} method applies one
 * referral event and answers whether it changed anything, so a replayed event changes nothing and
 * events that arrive out of order still end in the referral's true stage.
 * <p>
 * From ACCEPTED on (an accepted referral or a deal the partner created) the deal's own moves apply:
 * one guarded method per move, refusing with {@link DealMoveRefused}. Times are kept to the
 * millisecond, as MongoDB stores them.
 * <p>
 * Each move also records an entry of the opportunity's history ({@link Activity}, who did what
 * when), and a partner's people add notes ({@link Note}); both lists live in this document, so an
 * entry is written with its move and its event in one atomic write. Notes are capped at
 * {@value #MAX_NOTES} and the history at {@value #MAX_ACTIVITY} entries so the document stays
 * bounded, far below MongoDB's 16 MB.
 * <p>
 * The document keeps the shape it had before the parts got types of their own: the terms and the
 * referral's fields are unwrapped to the top level, and the type alias is the class name documents
 * carry from before the class moved package. Documents stored before the history and the notes
 * were kept load with both empty.
 */
@Document("opportunities")
@TypeAlias("org.cosell.deal.opportunity.Opportunity")
@CompoundIndex(name = "partner_stage_updated", def = "{'partnerId': 1, 'stage': 1, 'updatedAt': -1}")
@CompoundIndex(name = "partner_crm", def = "{'partnerId': 1, 'crmId': 1}")
public class Opportunity extends Aggregate {

    /** The most notes an opportunity holds; one more is refused. */
    public static final int MAX_NOTES = 500;
    /**
     * The most entries the history keeps: its first (how the opportunity came to be) and the latest
     * after it. An entry is at most a few KB (an edit's changed values are cut), so this bounds the
     * history to a few MB however often a deal is edited.
     */
    public static final int MAX_ACTIVITY = 1_000;
    /** The document fields of the history and the notes, which list reads leave out. */
    public static final List<String> HISTORY_FIELDS = List.of("activity", "activityOmitted", "partnerNotes");

    private static final DealDetails NO_DETAILS = new DealDetails(null, null, null, null, null, null, null, null);

    @Id
    private final UUID id;
    private final String partnerId;
    private final Instant createdAt;
    private Instant updatedAt;
    @Unwrapped.Empty
    private InboundReferral referral;
    private final Origin origin;
    private OpportunityType type;
    private Stage stage;
    @Unwrapped.Empty
    private DealDetails details;
    private Customer customer;
    private MicrosoftEngagement microsoftEngagement;
    private Closing closing;
    private IdempotentRequest closedWith;
    /** Oldest first. */
    private final List<Activity> activity;
    /**
     * How many entries the history no longer holds: those after its first that made room for later
     * ones. Absent (not 0) until the first goes, so that the documents of all the others stay as they were.
     */
    private Integer activityOmitted;
    /** In the order they were added; named apart from the deal's own {@code notes}, which sit at the top level. */
    private final List<Note> partnerNotes;
    /** Stored only while ACCEPTED; an ACCEPTED deal stored before sales stages were kept has none, and is QUALIFY. */
    private SalesStage salesStage;
    /** The deal's co-sell requests before the current one, oldest first, each as it ended; absent while none. */
    private List<MicrosoftEngagement> earlierEngagements;

    @PersistenceCreator
    Opportunity(UUID id, Long version, String partnerId, Instant createdAt, Instant updatedAt, InboundReferral referral,
                Origin origin, OpportunityType type, Stage stage, DealDetails details, Customer customer,
                MicrosoftEngagement microsoftEngagement, Closing closing, IdempotentRequest closedWith,
                List<Activity> activity, List<Note> partnerNotes, List<OutboxEvent> pendingEvents) {
        super(version, pendingEvents);
        this.id = id;
        this.partnerId = partnerId;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.referral = referral == null ? InboundReferral.none() : referral;
        this.origin = origin;
        this.type = type;
        this.stage = stage;
        this.details = DealTerms.listed(details == null ? NO_DETAILS : details);
        this.customer = customer;
        this.microsoftEngagement = microsoftEngagement == null ? MicrosoftEngagement.none() : microsoftEngagement;
        this.closing = closing;
        this.closedWith = closedWith;
        this.activity = activity == null ? new ArrayList<>() : new ArrayList<>(activity);
        this.partnerNotes = partnerNotes == null ? new ArrayList<>() : new ArrayList<>(partnerNotes);
    }

    private static Opportunity inbound(UUID id, String partnerId, InboundReferral referral, Customer customer,
                                       Instant createdAt) {
        Opportunity opportunity = new Opportunity(id, null, partnerId, createdAt, createdAt, referral, Origin.INBOUND,
                OpportunityType.CO_SELL, Stage.RECEIVED, NO_DETAILS, customer, MicrosoftEngagement.none(), null, null,
                List.of(), List.of(), List.of());
        opportunity.recordArrival();
        return opportunity;
    }

    /** A referral arrived: the opportunity waits for the partner, showing the sender's suggestion. */
    public static Opportunity received(ReferralReceived referral) {
        Opportunity opportunity = inbound(referral.opportunityId(), referral.partnerId(),
                InboundReferral.of(referral.referralId(), referral.sender(), referral.receivedAt()), referral.customer(),
                referral.receivedAt());
        opportunity.onReceived(referral);
        return opportunity;
    }

    /** The partner accepted a referral this view has not seen arrive yet. */
    public static Opportunity accepted(ReferralAccepted referral) {
        Opportunity opportunity = inbound(referral.opportunityId(), referral.partnerId(),
                InboundReferral.of(referral.referralId(), referral.sender(), referral.receivedAt()), referral.customer(),
                referral.receivedAt());
        opportunity.onAccepted(referral);
        return opportunity;
    }

    /** A referral this view has not seen arrive was declined. */
    public static Opportunity declined(ReferralDeclined referral) {
        Opportunity opportunity = inbound(referral.opportunityId(), referral.partnerId(),
                InboundReferral.of(referral.referralId(), referral.sender(), referral.receivedAt()), null,
                referral.receivedAt());
        opportunity.onDeclined(referral);
        return opportunity;
    }

    /** A referral this view has not seen arrive expired; when it arrived is learnt from its arrival. */
    public static Opportunity expired(ReferralExpired referral) {
        Opportunity opportunity = inbound(referral.opportunityId(), referral.partnerId(),
                InboundReferral.of(referral.referralId(), referral.sender(), null), null, referral.expiredAt());
        opportunity.onExpired(referral);
        return opportunity;
    }

    /**
     * The partner creates an outbound deal: ACCEPTED at once, a private pipeline deal unless
     * {@code help} asks Microsoft in, which is then requested in the same step. The creation is
     * announced first, with the deal as it stands after the request.
     *
     * @param help  Microsoft's help asked for at creation, or {@code null}
     * @param actor the person who created it
     */
    public static Opportunity create(UUID id, String partnerId, CustomerIdentity customer, DealTerms terms,
                                     CosellRequest help, Actor actor, Instant now, Duration engagementWindow) {
        Instant createdAt = millis(now);
        Opportunity deal = new Opportunity(id, null, partnerId, createdAt, createdAt, InboundReferral.none(),
                Origin.OUTBOUND, OpportunityType.PRIVATE_PIPELINE, Stage.ACCEPTED, terms.deal(),
                new Customer(customer.name(), customer.dunsNumber(), customer.address(), terms.customerContact(),
                        terms.consentToShareContact()),
                MicrosoftEngagement.none(), null, null, List.of(), List.of(), List.of());
        deal.salesStage = SalesStage.QUALIFY;
        deal.recordActivity(createdAt, ActivityKind.CREATED, actor, "Deal created", List.of());
        if (help != null) {
            deal.requestCosell(help, actor, now, engagementWindow);
        }
        deal.raiseFirst(EventType.DEAL_CREATED, new DealCreated(id, partnerId, Origin.OUTBOUND,
                deal.type, null, deal.customer, deal.details, createdAt, actor));
        return deal;
    }

    /**
     * Fills in what the arrival tells: the suggestion and the respond-by time while RECEIVED, the
     * customer and suggested terms where a decision that overtook the arrival left them empty.
     */
    public boolean onReceived(ReferralReceived arrival) {
        boolean changed = false;
        if (customer == null && arrival.customer() != null) {
            customer = arrival.customer();
            changed = true;
        }
        SuggestedDeal suggestion = arrival.deal();
        if (suggestion != null && details.name() == null && details.estimatedValue() == null) {
            details = DealTerms.listed(new DealDetails(suggestion.name(), suggestion.estimatedValue(),
                    suggestion.estimatedCloseDate(), suggestion.notes(), details.crmId(), details.campaignId(),
                    details.employees(), suggestion.solutions()));
            changed = true;
        }
        InboundReferral arrived = referral.arrived(arrival, stage == Stage.RECEIVED);
        if (!arrived.equals(referral)) {
            referral = arrived;
            changed = true;
        }
        return recordArrival() || changed;
    }

    /**
     * The referral's arrival enters the history once, when its time is known, wherever it falls among
     * the decisions that overtook it.
     */
    private boolean recordArrival() {
        if (referral.receivedAt() == null || activity.stream().anyMatch(entry -> entry.kind() == ActivityKind.RECEIVED)) {
            return false;
        }
        String from = referral.sender() == null || referral.sender().name() == null ? ""
                : " from " + referral.sender().name();
        recordActivity(referral.receivedAt(), ActivityKind.RECEIVED, null, "Referral received" + from, List.of());
        return true;
    }

    /** The partner accepted the referral: from now on this is a deal that deal-service holds. */
    public boolean onAccepted(ReferralAccepted decision) {
        if (!referralDecided(Stage.ACCEPTED, referral.answered(decision.acceptedAt()), decision.acceptedAt())) {
            return false;
        }
        details = DealTerms.listed(decision.deal());
        customer = decision.customer();
        salesStage = SalesStage.QUALIFY;
        recordActivity(updatedAt, ActivityKind.ACCEPTED, decision.actor(), "Referral accepted", List.of());
        return true;
    }

    /** The partner declined the referral: its reason and notes are kept as the opportunity's closing. */
    public boolean onDeclined(ReferralDeclined decision) {
        if (!referralDecided(Stage.DECLINED, referral.answered(decision.declinedAt()), decision.declinedAt())) {
            return false;
        }
        closing = new Closing(updatedAt, null, decision.notes(), null, decision.reason());
        recordActivity(updatedAt, ActivityKind.DECLINED, decision.actor(),
                "Referral declined" + (decision.reason() == null ? "" : ": " + decision.reason()), List.of());
        return true;
    }

    public boolean onExpired(ReferralExpired expiry) {
        if (!referralDecided(Stage.EXPIRED, referral.closed(), expiry.expiredAt())) {
            return false;
        }
        recordActivity(updatedAt, ActivityKind.EXPIRED, null, "Referral expired unanswered", List.of());
        return true;
    }

    /** A decision on the referral applies while it waits for one, and only then. */
    private boolean referralDecided(Stage to, InboundReferral decided, Instant at) {
        if (stage != Stage.RECEIVED) {
            return false;
        }
        stage = to;
        referral = decided;
        updatedAt = at;
        return true;
    }

    /** The editable part of the deal as it stands; what a merge patch is applied to. */
    public DealTerms terms() {
        Customer current = knownCustomer();
        return new DealTerms(details, current.contact(), current.consentToShareContact());
    }

    /**
     * The partner edits the deal's terms. Refused unless ACCEPTED; answers {@code false}, raising
     * nothing, when the change leaves every term as it was. The history names each field changed.
     */
    public boolean edit(UnaryOperator<DealTerms> change, Actor actor, Instant now) {
        requireAccepted(DealMove.EDIT, stage, "only an ACCEPTED deal can be edited");
        DealTerms before = terms();
        DealTerms after = change.apply(before);
        if (after.equals(before)) {
            return false;
        }
        details = after.deal();
        customer = withContact(after.customerContact(), after.consentToShareContact());
        updatedAt = millis(now);
        List<FieldChange> changes = FieldChange.between(before, after);
        recordActivity(updatedAt, ActivityKind.EDITED, actor,
                "Edited " + String.join(", ", changes.stream().map(FieldChange::field).toList()), changes);
        raise(EventType.DEAL_UPDATED, new DealUpdated(id, partnerId, customer, details, updatedAt, salesStage(),
                actor));
        return true;
    }

    /**
     * The partner moves the deal to another sales stage, forward or back. Refused unless ACCEPTED;
     * answers {@code false}, raising nothing, when the deal is in that sales stage already.
     */
    public boolean moveSalesStage(SalesStage to, Actor actor, Instant now) {
        requireAccepted(DealMove.MOVE_SALES_STAGE, stage, "only an ACCEPTED deal has a sales stage");
        SalesStage from = salesStage();
        if (to == from) {
            return false;
        }
        salesStage = to;
        updatedAt = millis(now);
        recordActivity(updatedAt, ActivityKind.SALES_STAGE_CHANGED, actor, "Sales stage " + from + " → " + to,
                List.of(new FieldChange("salesStage", from.name(), to.name())));
        raise(EventType.DEAL_UPDATED, new DealUpdated(id, partnerId, customer, details, updatedAt, salesStage, actor));
        return true;
    }

    /**
     * The partner asks Microsoft for help: only on an ACCEPTED deal that has not asked before or whose
     * last request was declined or expired ({@link MicrosoftEngagement}), under the rules of a
     * {@link CosellRequest}. The deal becomes co-sell and Microsoft sellers have until
     * {@code now + engagementWindow} to answer this request, which gets an id of its own; an earlier
     * request is kept in {@link #earlierEngagements()}.
     */
    public void requestCosell(CosellRequest request, Actor actor, Instant now, Duration engagementWindow) {
        requireAccepted(DealMove.REQUEST_COSELL, stage, "only an ACCEPTED deal can ask Microsoft for help");
        Instant requestedAt = millis(now);
        MicrosoftEngagement requested = microsoftEngagement.request(request.notes(), request.helpType(),
                UUID.randomUUID(), requestedAt, engagementWindow);
        customer = withContact(request.sharedContact(knownCustomer().contact()), true);
        type = OpportunityType.CO_SELL;
        if (microsoftEngagement.status() != EngagementStatus.NONE) {
            List<MicrosoftEngagement> earlier = new ArrayList<>(earlierEngagements());
            earlier.add(microsoftEngagement);
            earlierEngagements = List.copyOf(earlier);
        }
        microsoftEngagement = requested;
        updatedAt = requestedAt;
        recordActivity(requestedAt, ActivityKind.COSELL_REQUESTED, actor, "Asked Microsoft for help"
                + (request.helpType() == null ? "" : " (" + request.helpType() + ")"), List.of());
        raise(EventType.DEAL_COSELL_REQUESTED, new DealCosellRequested(id, partnerId, request.notes(), requestedAt,
                requested.respondBy(), requested.requestId(), requested.helpType(), actor));
        raise(EventType.DEAL_ENGAGEMENT_CHANGED, engagementChanged(request.notes()));
        raise(EventType.ENGAGEMENT_REQUESTED, new EngagementRequested(id, partnerId, details.name(),
                details.estimatedValue(), details.estimatedCloseDate(), sharedCustomer(), details.solutions(),
                request.notes(), requested.respondBy(), requested.requestId(), requested.helpType()));
    }

    /**
     * A Microsoft seller answers a co-sell request, under the {@link MicrosoftEngagement}'s rules; the
     * same answer delivered again ({@code eventId}), whichever request it answered, changes nothing.
     * The answer is for the current request unless it names another ({@code requestId}) or, naming
     * none on a deal that asked more than once, was made ({@code sentAt}) before the current request.
     *
     * @param requestId the request the answer names, or {@code null}
     * @param sentAt    when Microsoft made the answer, or {@code null} when it did not say
     * @throws DealMoveRefused when the answer is for an earlier request, or the current one may not be answered
     */
    public boolean answerEngagement(EngagementDecision decision, Seller seller, String sellerNotes, String eventId,
                                    UUID requestId, Instant sentAt, Instant now) {
        if (earlierEngagements().stream().anyMatch(earlier -> earlier.answeredBy(eventId))) {
            return false;
        }
        boolean forAnotherRequest = requestId != null ? !requestId.equals(microsoftEngagement.requestId())
                : earlierEngagements != null && sentAt != null && sentAt.isBefore(microsoftEngagement.requestedAt());
        if (forAnotherRequest && !microsoftEngagement.answeredBy(eventId)) {
            throw new DealMoveRefused(DealMove.ANSWER_ENGAGEMENT, microsoftEngagement.status(),
                    decision == EngagementDecision.ENGAGED ? EngagementStatus.ENGAGED : EngagementStatus.DECLINED,
                    "the answer is for an earlier co-sell request, not the current one");
        }
        String by = seller == null || seller.name() == null ? "" : " (" + seller.name() + ")";
        String summary = (decision == EngagementDecision.ENGAGED ? "Microsoft engaged" : "Microsoft declined") + by;
        return engagementMoved(microsoftEngagement.answer(decision, seller, sellerNotes, eventId, millis(now), stage),
                sellerNotes, ActivityKind.ENGAGEMENT_ANSWERED, summary);
    }

    /**
     * The engagement window ending at {@code dueAt} may be over; a deadline of an earlier request
     * changes nothing. See {@link MicrosoftEngagement}.
     */
    public boolean expireEngagement(Instant dueAt, Instant now) {
        return engagementMoved(microsoftEngagement.expire(dueAt == null ? null : millis(dueAt), millis(now), stage),
                null, ActivityKind.ENGAGEMENT_EXPIRED, "Microsoft did not answer in time");
    }

    /** Microsoft's answer and the deadline are no person's moves: their entries name no actor. */
    private boolean engagementMoved(Optional<MicrosoftEngagement> moved, String changeNotes, ActivityKind kind,
                                    String summary) {
        if (moved.isEmpty()) {
            return false;
        }
        microsoftEngagement = moved.get();
        updatedAt = microsoftEngagement.answeredAt();
        recordActivity(updatedAt, kind, null, summary, List.of());
        raise(EventType.DEAL_ENGAGEMENT_CHANGED, engagementChanged(changeNotes));
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
    public void markWon(Registration registration, boolean registrationRequired, Actor actor, Instant now,
                        IdempotentRequest request) {
        requireAccepted(DealMove.MARK_WON, Stage.WON, "only an ACCEPTED deal has an outcome");
        if (registrationRequired && registration == null) {
            throw new RuleViolation("registration",
                    "is required: the deal holds a solution that is registration-eligible in the catalog");
        }
        Instant wonAt = millis(now);
        stage = Stage.WON;
        salesStage = null;
        closing = new Closing(wonAt, null, null, registration, null);
        closedWith = request;
        updatedAt = wonAt;
        recordActivity(wonAt, ActivityKind.WON, actor, "Deal won", List.of());
        raise(EventType.DEAL_WON, new DealWon(id, partnerId, registration, wonAt, actor));
        raise(EventType.OPPORTUNITY_OUTCOME, outcome(Outcome.WON, null, null, registration, wonAt));
    }

    /** The deal is lost. Refused unless ACCEPTED. {@code request} as for {@link #markWon}. */
    public void markLost(LostReason reason, String lostNotes, Actor actor, Instant now, IdempotentRequest request) {
        requireAccepted(DealMove.MARK_LOST, Stage.LOST, "only an ACCEPTED deal has an outcome");
        Instant lostAt = millis(now);
        stage = Stage.LOST;
        salesStage = null;
        closing = new Closing(lostAt, reason, lostNotes, null, null);
        closedWith = request;
        updatedAt = lostAt;
        recordActivity(lostAt, ActivityKind.LOST, actor, "Deal lost" + (reason == null ? "" : ": " + reason), List.of());
        raise(EventType.DEAL_LOST, new DealLost(id, partnerId, reason, lostNotes, lostAt, actor));
        raise(EventType.OPPORTUNITY_OUTCOME, outcome(Outcome.LOST, reason == null ? null : reason.name(), lostNotes,
                null, lostAt));
    }

    /**
     * Somebody of the partner adds a note: allowed while the opportunity is open (RECEIVED or
     * ACCEPTED), at most {@value #MAX_NOTES} of them. A note changes neither the deal nor its
     * {@code updatedAt}, and raises no event; the history records it.
     *
     * @param text 1 to 2,000 characters, checked by the caller
     * @throws DealMoveRefused  once the opportunity is over
     * @throws NoteLimitReached when it holds {@value #MAX_NOTES} notes already
     */
    public Note addNote(String text, Actor author, Instant now) {
        if (Tab.ARCHIVED.stages().contains(stage)) {
            throw new DealMoveRefused(DealMove.ADD_NOTE, stage, stage, "the opportunity is over");
        }
        if (partnerNotes.size() >= MAX_NOTES) {
            throw new NoteLimitReached();
        }
        Note note = new Note(UUID.randomUUID(), millis(now), author, text);
        partnerNotes.add(note);
        recordActivity(note.at(), ActivityKind.NOTE_ADDED, author, "Note added", List.of());
        return note;
    }

    /**
     * Adds an entry to the history, after every entry that is not later than {@code at}, so the
     * history stays oldest first even when referral events arrive out of order. Every move records
     * its own entry; call this from a new move, in the same change, so the entry is written with it.
     * A full history ({@value #MAX_ACTIVITY}) lets its oldest entry after the first go to make room.
     *
     * @param actor   the person who made the move, or {@code null} for the system
     * @param changes for {@link ActivityKind#EDITED}, the fields changed; otherwise empty
     */
    public void recordActivity(Instant at, ActivityKind kind, Actor actor, String summary, List<FieldChange> changes) {
        Activity entry = new Activity(millis(at), kind, actor, summary, changes);
        int position = activity.size();
        while (position > 0 && activity.get(position - 1).at().isAfter(entry.at())) {
            position--;
        }
        activity.add(position, entry);
        if (activity.size() > MAX_ACTIVITY) {
            activity.remove(1);
            activityOmitted = activityOmitted() + 1;
        }
    }

    private void requireAccepted(DealMove move, Stage to, String why) {
        if (stage != Stage.ACCEPTED) {
            throw new DealMoveRefused(move, stage, to, why);
        }
    }

    private Customer withContact(Contact contact, boolean consentToShareContact) {
        Customer current = knownCustomer();
        return new Customer(current.name(), current.dunsNumber(), current.address(), contact, consentToShareContact);
    }

    /** The customer as Microsoft may see it: the contact only with the customer's consent. */
    private Customer sharedCustomer() {
        Customer current = knownCustomer();
        return current.consentToShareContact() ? current : withContact(null, false);
    }

    private DealEngagementChanged engagementChanged(String changeNotes) {
        return new DealEngagementChanged(id, partnerId, details.name(), microsoftEngagement.status(),
                microsoftEngagement.seller(), changeNotes, details.employees(), updatedAt,
                microsoftEngagement.requestId(), microsoftEngagement.respondBy());
    }

    private OpportunityOutcome outcome(Outcome outcome, String reason, String outcomeNotes, Registration registration,
                                       Instant at) {
        return new OpportunityOutcome(id, partnerId, origin, referral.referralId(), outcome, details.name(),
                details.estimatedValue(), details.estimatedCloseDate(), reason, outcomeNotes, registration,
                details.solutions(), at);
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

    /** What the referral told, for an inbound opportunity; empty for a deal the partner created. */
    public InboundReferral referral() {
        return referral;
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

    /** The deal's terms; empty while a received referral suggests none. */
    public DealDetails details() {
        return details;
    }

    /** The customer; {@code null} while a decision that overtook the referral's arrival leaves it unknown. */
    public Customer customer() {
        return customer;
    }

    private Customer knownCustomer() {
        return customer == null ? new Customer(null, null, null, null, false) : customer;
    }

    /** The deal's current (latest) co-sell request. */
    public MicrosoftEngagement microsoftEngagement() {
        return microsoftEngagement;
    }

    /** The deal's co-sell requests before the current one, oldest first, each as it ended (declined or expired). */
    public List<MicrosoftEngagement> earlierEngagements() {
        return earlierEngagements == null ? List.of() : earlierEngagements;
    }

    /** Where the partner has got with the deal: only while ACCEPTED, {@code null} in any other stage. */
    public SalesStage salesStage() {
        if (stage != Stage.ACCEPTED) {
            return null;
        }
        return salesStage == null ? SalesStage.QUALIFY : salesStage;
    }

    /** How the deal ended, once WON or LOST. */
    public IdempotentRequest closedWith() {
        return closedWith;
    }

    public Closing closing() {
        return closing;
    }

    /** The opportunity's history, oldest first: its first entry and the latest after it ({@link #MAX_ACTIVITY}). */
    public List<Activity> activity() {
        return List.copyOf(activity);
    }

    /** How many entries between the history's first and the ones it holds after it were let go. */
    public int activityOmitted() {
        return activityOmitted == null ? 0 : activityOmitted;
    }

    /** The notes added to the opportunity, oldest first. */
    public List<Note> notes() {
        return List.copyOf(partnerNotes);
    }

    /**
     * How an opportunity ended: when, why it was lost or declined, the notes given with that, what a
     * win registers.
     */
    public record Closing(Instant closedAt, LostReason lostReason, String notes, Registration registration,
                          DeclineReason declineReason) {
    }
}
