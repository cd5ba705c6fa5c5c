package org.cosell.deal.opportunity.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.cosell.contracts.common.Actor;
import org.cosell.contracts.common.LostReason;
import org.cosell.contracts.common.Registration;
import org.cosell.contracts.common.SalesStage;
import org.cosell.contracts.common.Solution;
import org.cosell.contracts.engagement.EngagementResponse;
import org.cosell.deal.catalog.SolutionCatalog;
import org.cosell.deal.config.DealProperties;
import org.cosell.deal.customer.CustomerDirectory;
import org.cosell.deal.opportunity.domain.CosellRequest;
import org.cosell.deal.opportunity.domain.CustomerIdentity;
import org.cosell.deal.opportunity.domain.DealTerms;
import org.cosell.deal.opportunity.domain.Note;
import org.cosell.deal.opportunity.domain.Opportunity;
import org.cosell.support.PartnerScopedId;
import org.cosell.support.domain.RuleViolation;
import org.cosell.support.idempotency.IdempotencyKeys;
import org.cosell.support.idempotency.IdempotentRequest;
import org.cosell.support.outbox.AggregateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Everything that changes a deal. Each move loads the deal (scoped to the caller's partner), checks
 * the version the caller last saw when it names one, applies one guarded method of {@link
 * Opportunity} and writes the new state together with the events it raised, through
 * {@link AggregateStore#change}: when a concurrent change wrote first it loads and decides again, so
 * racing moves end in exactly one of them and the others are refused by the new stage.
 */
@Service
public class OpportunityCommands {

    private static final Logger log = LoggerFactory.getLogger(OpportunityCommands.class);

    private final OpportunityStore store;
    private final CreationKeys creationKeys;
    private final IdempotencyKeys idempotencyKeys;
    private final SolutionCatalog catalog;
    private final CustomerDirectory directory;
    private final DealProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    public OpportunityCommands(OpportunityStore store, CreationKeys creationKeys, IdempotencyKeys idempotencyKeys,
                        SolutionCatalog catalog, CustomerDirectory directory, DealProperties properties, Clock clock,
                        MeterRegistry meters) {
        this.store = store;
        this.creationKeys = creationKeys;
        this.idempotencyKeys = idempotencyKeys;
        this.catalog = catalog;
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Creates an outbound deal. With an idempotency key, a repeat by the same partner within 24 hours
     * answers the deal the first call made and creates nothing.
     *
     * @param help           Microsoft's help asked for at creation, or {@code null}
     * @param actor          the person who creates it
     * @param idempotencyKey the client's {@code Idempotency-Key}, or {@code null}
     */
    public Created create(String partnerId, CustomerIdentity customer, DealTerms terms, CosellRequest help,
                          Actor actor, String idempotencyKey) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        if (idempotencyKey != null) {
            id = creationKeys.claim(partnerId, idempotencyKey, id, now.truncatedTo(ChronoUnit.MILLIS));
            Optional<Opportunity> earlier = store.findById(id);
            if (earlier.isPresent()) {
                return new Created(earlier.get(), false);
            }
        }
        return insert(id, partnerId, customer, terms, help, actor, now);
    }

    /**
     * Creates an outbound deal for an imported row, whose {@code crmId} (required) is its key within
     * the partner: when any of the partner's opportunities already has that {@code crmId}, that one
     * is answered and nothing is created. Two imports of the same row racing each other make one
     * deal: its id is derived from the partner and the {@code crmId}, so the second insert meets the
     * first one's id. {@link CreationKeys} cannot serve as the key here, as they are kept for a day
     * and a file may be imported again any time later.
     */
    public Created createImported(String partnerId, CustomerIdentity customer, DealTerms terms, Actor actor) {
        String crmId = terms.deal().crmId();
        if (crmId == null || crmId.isBlank()) {
            throw new RuleViolation("crmId", "must not be blank: it identifies the deal on import");
        }
        Optional<Opportunity> earlier = store.findByCrmId(partnerId, crmId);
        if (earlier.isPresent()) {
            return new Created(earlier.get(), false);
        }
        UUID id = UUID.nameUUIDFromBytes(PartnerScopedId.of(partnerId, "crmId", crmId).getBytes(StandardCharsets.UTF_8));
        return insert(id, partnerId, customer, terms, null, actor, clock.instant());
    }

    private Created insert(UUID id, String partnerId, CustomerIdentity customer, DealTerms terms, CosellRequest help,
                           Actor actor, Instant now) {
        Opportunity deal = Opportunity.create(id, partnerId, customer, terms, help, actor, now,
                properties.engagementResponseWindow());
        if (!store.insertSkippingDuplicates(List.of(deal)).isEmpty()) {
            return new Created(store.findById(id).orElseThrow(), false);
        }
        count("cosell.deals.created", "Outbound deals created");
        if (help != null) {
            count("cosell.deals.cosell.requested", "Co-sell requests sent to Microsoft");
        }
        learnCustomer(deal);
        return new Created(deal, true);
    }

    /**
     * Edits a deal's terms, its sales stage, or both; each that changes raises its own deal-updated event.
     *
     * @param expectedVersion the version the caller last saw ({@code If-Match}), or {@code null} for any
     * @param actor           the person who edits, as every move of a person names them
     * @param change          the change of the terms, or {@code null} to leave them
     * @param salesStage      the sales stage to move to, or {@code null} to leave it
     */
    public Opportunity edit(String partnerId, UUID id, Long expectedVersion, Actor actor,
                            UnaryOperator<DealTerms> change, SalesStage salesStage) {
        return change(partnerId, id, expectedVersion, null, deal -> {
            Instant now = clock.instant();
            boolean moved = salesStage != null && deal.moveSalesStage(salesStage, actor, now);
            boolean edited = change != null && deal.edit(change, actor, now);
            return moved || edited;
        }).aggregate();
    }

    public Opportunity requestCosell(String partnerId, UUID id, Long expectedVersion, Actor actor,
                                     CosellRequest request) {
        Opportunity deal = change(partnerId, id, expectedVersion, null, current -> {
            current.requestCosell(request, actor, clock.instant(), properties.engagementResponseWindow());
            return true;
        }).aggregate();
        count("cosell.deals.cosell.requested", "Co-sell requests sent to Microsoft");
        return deal;
    }

    /**
     * @param request the call with its {@code Idempotency-Key}, or {@code null}: the call that closes
     *                the deal is kept with it, and a repeat of that call is answered the deal as it
     *                stands, whatever its {@code If-Match}, not refused
     */
    public Closed markWon(String partnerId, UUID id, Long expectedVersion, Actor actor, Registration registration,
                          IdempotentRequest request) {
        AggregateStore.Change<Opportunity> change = change(partnerId, id, expectedVersion, request, current -> {
            boolean registrationRequired = catalog.anyRegistrationEligible(partnerId,
                    current.details().solutions().stream().map(Solution::id).filter(Objects::nonNull).toList());
            current.markWon(registration, registrationRequired, actor, clock.instant(), request);
            return true;
        });
        if (change.changed()) {
            count("cosell.deals.won", "Deals won");
        }
        return new Closed(change.aggregate(), !change.changed());
    }

    /** {@code request} as for {@link #markWon}. */
    public Closed markLost(String partnerId, UUID id, Long expectedVersion, Actor actor, LostReason reason,
                           String notes, IdempotentRequest request) {
        AggregateStore.Change<Opportunity> change = change(partnerId, id, expectedVersion, request, current -> {
            current.markLost(reason, notes, actor, clock.instant(), request);
            return true;
        });
        if (change.changed()) {
            count("cosell.deals.lost", "Deals lost");
        }
        return new Closed(change.aggregate(), !change.changed());
    }

    /**
     * Adds a note to an open opportunity of the partner, inbound or outbound; see
     * {@link Opportunity#addNote}. Racing with another change, it is decided again on what that left.
     *
     * @return the note added: the last of the opportunity as this call wrote it
     */
    public Note addNote(String partnerId, UUID id, Actor author, String text) {
        List<Note> notes = change(partnerId, id, null, null, current -> {
            current.addNote(text, author, clock.instant());
            return true;
        }).aggregate().notes();
        count("cosell.opportunities.notes.added", "Notes added to opportunities");
        return notes.get(notes.size() - 1);
    }

    /**
     * A Microsoft seller's answer, event {@code eventId} made at {@code sentAt} (or {@code null}); answers whether
     * it changed the deal.
     */
    public boolean answerEngagement(EngagementResponse response, String eventId, Instant sentAt) {
        return change(null, response.dealId(), null, null, current -> current.answerEngagement(
                response.decision(), response.seller(), response.notes(), eventId, response.requestId(), sentAt,
                clock.instant())).changed();
    }

    /**
     * The engagement deadline at {@code dueAt} of deal {@code id} is due; answers whether the engagement expired
     * now. A deadline of an earlier request of the deal changes nothing.
     */
    public boolean expireEngagement(UUID id, Instant dueAt) {
        return change(null, id, null, null, current -> current.expireEngagement(dueAt, clock.instant())).changed();
    }

    /**
     * A repeat of the call that closed the deal changes nothing. Otherwise the move is applied, and
     * only once it was allowed is the request's key claimed for it, so that a refused call leaves its
     * key unused.
     *
     * @param partnerId the caller's partner, or {@code null} for the system itself
     * @param request   the call with its {@code Idempotency-Key}, or {@code null}
     * @param move      applies the move to the loaded deal; answers whether anything changed
     */
    private AggregateStore.Change<Opportunity> change(String partnerId, UUID id, Long expectedVersion,
                                                      IdempotentRequest request, Predicate<Opportunity> move) {
        return store.change(partnerId, id, current -> {
            if (current.closedBy(request)) {
                return false;
            }
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new VersionMismatch(expectedVersion, current.version());
            }
            if (!move.test(current)) {
                return false;
            }
            if (request != null) {
                idempotencyKeys.claim(partnerId, request, clock.instant().truncatedTo(ChronoUnit.MILLIS));
            }
            return true;
        });
    }

    /** The directory is a convenience: failing to learn must not fail the deal that was just stored. */
    private void learnCustomer(Opportunity deal) {
        try {
            directory.learn(deal.partnerId(), deal.customer());
        } catch (RuntimeException e) {
            log.warn("Customer of deal {} not added to the directory: {}", deal.id(), e.toString());
        }
    }

    private void count(String name, String description) {
        Counter.builder(name).description(description).register(meters).increment();
    }

    /**
     * @param repeated whether the call repeats the one that closed the deal (same key and request),
     *                 which changed nothing now
     */
    public record Closed(Opportunity deal, boolean repeated) {
    }

    /** @param created whether this call made the deal, rather than answering an earlier call with the same key */
    public record Created(Opportunity deal, boolean created) {
    }
}
