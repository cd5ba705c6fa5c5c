package org.cosell.deal.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.cosell.deal.opportunity.Opportunity;
import org.cosell.deal.opportunity.OpportunityQueries;
import org.cosell.deal.opportunity.Stage;
import org.cosell.deal.opportunity.Tab;
import org.cosell.support.security.Caller;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/opportunities")
public class OpportunityController {

    private final OpportunityQueries queries;

    public OpportunityController(OpportunityQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    PageResponse<OpportunityResponse> list(Caller caller,
                                           @RequestParam(defaultValue = "inbound") String tab,
                                           @RequestParam(required = false) String q,
                                           @RequestParam(required = false) Stage stage,
                                           @RequestParam(defaultValue = "0") @Min(0) int page,
                                           @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                                           @RequestParam(defaultValue = "updatedAt,desc") String sort) {
        Page<Opportunity> result = queries.list(caller.partnerId(), OpportunitySorting.tab(tab), stage, q,
                PageRequest.of(page, size, OpportunitySorting.sort(sort)));
        return new PageResponse<>(result.map(opportunity -> OpportunityResponse.of(opportunity, false)).getContent(),
                page, size, result.getTotalElements());
    }

    @GetMapping("/{id}")
    ResponseEntity<OpportunityResponse> get(Caller caller, @PathVariable UUID id) {
        Opportunity opportunity = queries.get(caller.partnerId(), id);
        OpportunityResponse body = OpportunityResponse.of(opportunity, false);
        return ResponseEntity.ok().eTag(Long.toString(body.version())).body(body);
    }
}
