package org.cosell.deal.opportunity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.cosell.deal.opportunity.application.Favorites;
import org.cosell.deal.opportunity.application.OpportunityFilter;
import org.cosell.deal.opportunity.application.OpportunityQueries;
import org.cosell.deal.opportunity.domain.Opportunity;
import org.cosell.deal.opportunity.domain.Tab;
import org.cosell.support.security.Caller;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping("/api/opportunities")
public class OpportunityController {

    private final OpportunityQueries queries;
    private final Favorites favorites;

    public OpportunityController(OpportunityQueries queries, Favorites favorites) {
        this.queries = queries;
        this.favorites = favorites;
    }

    @GetMapping
    PageResponse<OpportunityResponse> list(Caller caller,
                                           @RequestParam(defaultValue = "inbound") String tab,
                                           @Valid @ParameterObject ListFilter filter,
                                           @RequestParam(defaultValue = "0") @Min(0) int page,
                                           @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                                           @RequestParam(defaultValue = "updatedAt,desc") String sort) {
        Tab chosen = OpportunitySorting.tab(tab);
        OpportunityFilter narrowed = filter.toFilter();
        Sort order = narrowed.dueSoonest() ? OpportunitySorting.SOONEST_DUE : OpportunitySorting.sort(sort);
        Collection<UUID> onlyIds = chosen.favoritesOnly() ? favorites.all(caller.partnerId(), caller.userId()) : null;
        Page<Opportunity> result = queries.list(caller.partnerId(), chosen, onlyIds, narrowed, PageRequest.of(page, size, order));
        Set<UUID> marked = favorites.marked(caller.partnerId(), caller.userId(),
                result.map(Opportunity::id).getContent());
        return new PageResponse<>(result.map(opportunity -> OpportunityResponse.of(opportunity,
                marked.contains(opportunity.id()))).getContent(), page, size, result.getTotalElements());
    }

    /**
     * Every tab's size at once, for a page that shows them all beside one tab's list: one
     * aggregation instead of a list call per tab.
     */
    @GetMapping("/counts")
    TabCountsResponse counts(Caller caller) {
        Map<Tab, Long> counts = queries.countsByTab(caller.partnerId());
        return new TabCountsResponse(counts.get(Tab.INBOUND), counts.get(Tab.OUTBOUND),
                favorites.count(caller.partnerId(), caller.userId()), counts.get(Tab.ARCHIVED));
    }

    @GetMapping("/{id}")
    ResponseEntity<OpportunityResponse> get(Caller caller, @PathVariable UUID id) {
        Opportunity opportunity = queries.get(caller.partnerId(), id);
        OpportunityResponse body = OpportunityResponse.of(opportunity,
                favorites.isFavorite(caller.partnerId(), caller.userId(), id));
        return ResponseEntity.ok().eTag(Long.toString(body.version())).body(body);
    }

    /** A page of a list as docs/api.md answers it. */
    record PageResponse<T>(List<T> items, int page, int size, long total) {
    }

    /** How many opportunities each tab holds for the caller, without search or stage filter. */
    record TabCountsResponse(long inbound, long outbound, long favorites, long archived) {
    }
}
