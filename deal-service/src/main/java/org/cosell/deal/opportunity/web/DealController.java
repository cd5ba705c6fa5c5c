package org.cosell.deal.opportunity.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.cosell.contracts.common.Customer;
import org.cosell.deal.opportunity.application.Favorites;
import org.cosell.deal.opportunity.application.OpportunityCommands;
import org.cosell.deal.opportunity.application.OpportunityQueries;
import org.cosell.deal.opportunity.domain.CustomerIdentity;
import org.cosell.deal.opportunity.domain.DuplicateDeals;
import org.cosell.deal.opportunity.domain.Opportunity;
import org.cosell.deal.opportunity.domain.Stage;
import org.cosell.deal.opportunity.web.OutcomeRequests.LostRequest;
import org.cosell.deal.opportunity.web.OutcomeRequests.WonRequest;
import org.cosell.support.idempotency.IdempotencyKeys;
import org.cosell.support.idempotency.IdempotentRequest;
import org.cosell.deal.web.ItemsResponse;
import org.cosell.support.domain.RuleViolation;
import org.cosell.support.security.Caller;
import org.cosell.support.validation.IsoCountry;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The partner's moves on its deals (docs/api.md): create, edit, ask Microsoft for help, won, lost. Both
 * roles may work deals. Every answer is the opportunity with its {@code ETag}; every change but the
 * creation honours {@code If-Match}, which an edit requires. Creation, won and lost take an {@code
 * Idempotency-Key}: a repeat gets the first call's answer.
 */
@RestController
@RequestMapping("/api/deals")
public class DealController {

    static final String IDEMPOTENCY_KEY = IdempotentRequest.HEADER;
    static final String IDEMPOTENT_REPLAYED = IdempotentRequest.REPLAYED_HEADER;

    private final OpportunityCommands commands;
    private final OpportunityQueries queries;
    private final IdempotencyKeys idempotencyKeys;
    private final Favorites favorites;
    private final JsonMapper json;
    private final Validator validator;
    private final Clock clock;

    public DealController(OpportunityCommands commands, OpportunityQueries queries, IdempotencyKeys idempotencyKeys,
                          Favorites favorites, JsonMapper json, Validator validator, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.idempotencyKeys = idempotencyKeys;
        this.favorites = favorites;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<CreatedDeal> create(Caller caller,
                                               @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key,
                                               @Valid @RequestBody CreateDealRequest request) {
        OpportunityCommands.Created result = commands.create(caller.partnerId(), request.customerIdentity(), request.terms(),
                request.help(), caller.actor(), IdempotencyKeys.checkedKey(key));
        Opportunity deal = result.deal();
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/opportunities/{id}").buildAndExpand(deal.id()).toUri();
        boolean favorite = !result.created() && favorites.isFavorite(caller.partnerId(), caller.userId(), deal.id());
        CustomerIdentity customer = request.customerIdentity();
        List<PossibleDuplicate> duplicates = queries.possibleDuplicates(caller.partnerId(),
                        new DuplicateDeals.Customer(customer.dunsNumber(), customer.name(), customer.address().country()),
                        deal.details().name(), deal.id())
                .stream().map(PossibleDuplicate::of).toList();
        return ResponseEntity.created(location)
                .eTag(Long.toString(deal.version()))
                .header(IDEMPOTENT_REPLAYED, Boolean.toString(!result.created()))
                .body(new CreatedDeal(OpportunityResponse.of(deal, favorite), duplicates));
    }

    /** The created deal, and the partner's open opportunities that are probably for the same customer. */
    record CreatedDeal(@JsonUnwrapped OpportunityResponse deal, List<PossibleDuplicate> possibleDuplicates) {
    }

    /** An open opportunity that is probably for the same customer. */
    record PossibleDuplicate(UUID id, String name, Stage stage, Customer customer) {

        static PossibleDuplicate of(OpportunityQueries.DuplicateCandidate candidate) {
            return new PossibleDuplicate(candidate.id(), candidate.name(), candidate.stage(), candidate.customer());
        }
    }

    /**
     * The partner's open opportunities that are probably for the same customer, to warn before
     * creating a deal twice; never a refusal. A customer is told by its D-U-N-S number or by its name
     * and country.
     */
    @GetMapping("/duplicates")
    ItemsResponse<PossibleDuplicate> duplicates(Caller caller,
                                                @RequestParam(required = false) @Size(max = 200) String customerName,
                                                @RequestParam(required = false) @IsoCountry String country,
                                                @RequestParam(required = false)
                                                @Pattern(regexp = "\\d{9}", message = "must be exactly 9 digits") String dunsNumber,
                                                @RequestParam(required = false) @Size(max = 200) String name) {
        boolean byName = customerName != null && !customerName.isBlank() && country != null;
        if (!byName && dunsNumber == null) {
            throw new RuleViolation("customerName", "give customerName and country, or dunsNumber");
        }
        DuplicateDeals.Customer customer = new DuplicateDeals.Customer(dunsNumber, byName ? customerName : null, country);
        return new ItemsResponse<>(queries.possibleDuplicates(caller.partnerId(), customer, name, null).stream()
                .map(PossibleDuplicate::of).toList());
    }

    @PatchMapping(path = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
    ResponseEntity<OpportunityResponse> edit(Caller caller, @PathVariable UUID id,
                                             @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                             @RequestBody JsonNode patch) {
        Long expectedVersion = IfMatch.required(ifMatch);
        DealMergePatch mergePatch = DealMergePatch.of(patch, json, validator, clock);
        return respond(caller, commands.edit(caller.partnerId(), id, expectedVersion, caller.actor(),
                mergePatch.changesTerms() ? mergePatch::applyTo : null, mergePatch.salesStage()));
    }

    @PostMapping("/{id}/cosell-request")
    ResponseEntity<OpportunityResponse> requestCosell(Caller caller, @PathVariable UUID id,
                                                      @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                      @Valid @RequestBody CosellRequestBody request) {
        return respond(caller, commands.requestCosell(caller.partnerId(), id, IfMatch.optional(ifMatch),
                caller.actor(), request.toRequest()));
    }

    @PostMapping("/{id}/won")
    ResponseEntity<OpportunityResponse> won(Caller caller, @PathVariable UUID id,
                                            @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key,
                                            @Valid @RequestBody(required = false) WonRequest request) {
        IdempotentRequest call = idempotencyKeys.request(key, "won deal " + id, request);
        OpportunityCommands.Closed closed = commands.markWon(caller.partnerId(), id, IfMatch.optional(ifMatch),
                caller.actor(), request == null ? null : request.toRegistration(), call);
        return respond(caller, closed);
    }

    @PostMapping("/{id}/lost")
    ResponseEntity<OpportunityResponse> lost(Caller caller, @PathVariable UUID id,
                                             @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                             @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key,
                                             @Valid @RequestBody(required = false) LostRequest request) {
        IdempotentRequest call = idempotencyKeys.request(key, "lost deal " + id, request);
        OpportunityCommands.Closed closed = commands.markLost(caller.partnerId(), id, IfMatch.optional(ifMatch),
                caller.actor(), request == null ? null : request.reason(), request == null ? null : request.notes(),
                call);
        return respond(caller, closed);
    }

    private ResponseEntity<OpportunityResponse> respond(Caller caller, Opportunity deal) {
        return ResponseEntity.ok().eTag(Long.toString(deal.version())).body(body(caller, deal));
    }

    private ResponseEntity<OpportunityResponse> respond(Caller caller, OpportunityCommands.Closed closed) {
        return ResponseEntity.ok()
                .eTag(Long.toString(closed.deal().version()))
                .header(IDEMPOTENT_REPLAYED, Boolean.toString(closed.repeated()))
                .body(body(caller, closed.deal()));
    }

    private OpportunityResponse body(Caller caller, Opportunity deal) {
        return OpportunityResponse.of(deal, favorites.isFavorite(caller.partnerId(), caller.userId(), deal.id()));
    }
}
