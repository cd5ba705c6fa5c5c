package org.cosell.deal.opportunity.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.cosell.contracts.common.Contact;
import org.cosell.deal.opportunity.application.OpportunityQueries;
import org.cosell.deal.web.ItemsResponse;
import org.cosell.support.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/contacts")
public class ContactController {

    private final OpportunityQueries queries;

    public ContactController(OpportunityQueries queries) {
        this.queries = queries;
    }

    /** The partner's employee contacts from its recently changed deals, newest first, each e-mail once. */
    @GetMapping("/recent")
    ItemsResponse<Contact> recent(Caller caller, @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return new ItemsResponse<>(queries.recentEmployeeContacts(caller.partnerId(), size));
    }
}
