package org.cosell.deal.opportunity.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cosell.contracts.common.Address;
import org.cosell.contracts.common.Customer;
import org.cosell.contracts.common.DealDetails;
import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.Sender;
import org.cosell.deal.opportunity.application.Favorites;
import org.cosell.deal.opportunity.application.OpportunityFilter;
import org.cosell.deal.opportunity.application.OpportunityQueries;
import org.cosell.deal.opportunity.domain.Opportunity;
import org.cosell.deal.opportunity.domain.Stage;
import org.cosell.deal.opportunity.domain.Tab;
import org.cosell.support.security.Caller;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.data.domain.Sort;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code GET /api/opportunities/export}: every opportunity the list would show for the same {@code
 * tab}, filters and {@code sort}, as one CSV document (docs/api.md), not a page of them.
 * <p>
 * The rows are read from one database cursor and written straight to the response as they come,
 * on the request's own thread: the service holds one batch of opportunities at a time, however
 * many match, and the call stays inside the request filters (the token check, the bound on
 * concurrent requests) until the last row is out, which an asynchronous body would leave early.
 */
@RestController
public class OpportunityExportController {

    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");
    static final String CONTENT_TYPE = "text/csv; charset=utf-8";

    /** The columns, in order; docs/api.md describes each. */
    static final List<String> COLUMNS = List.of("id", "name", "stage", "salesStage", "type", "origin", "customerName",
            "customerCountry", "customerDunsNumber", "estimatedValue", "currency", "estimatedCloseDate", "respondBy",
            "senderKind", "senderName", "engagementStatus", "favorite", "crmId", "campaignId", "createdAt",
            "updatedAt");

    /**
     * Written first, so that Excel reads the document as UTF-8 (without it, it takes a CSV file for
     * the machine's legacy code page and garbles every non-ASCII name); other CSV readers skip it.
     */
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final int WRITE_BUFFER = 16 * 1024;

    private final OpportunityQueries queries;
    private final Favorites favorites;

    public OpportunityExportController(OpportunityQueries queries, Favorites favorites) {
        this.queries = queries;
        this.favorites = favorites;
    }

    /**
     * Not mapped with {@code produces}: a caller that accepts no CSV would then fall through to
     * {@code GET /api/opportunities/{id}} and be told that {@code export} is no id, rather than 406.
     */
    @GetMapping("/api/opportunities/export")
    @ApiResponse(responseCode = "200", description = "Every matching opportunity, one a row, under a header row",
            content = @Content(mediaType = CONTENT_TYPE, schema = @Schema(type = "string")))
    void export(Caller caller,
                @RequestParam(defaultValue = "inbound") String tab,
                @Valid @ParameterObject ListFilter filter,
                @RequestParam(defaultValue = "updatedAt,desc") String sort,
                @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                HttpServletResponse response) throws IOException, HttpMediaTypeNotAcceptableException {
        if (accept != null && MediaType.parseMediaTypes(accept).stream().noneMatch(TEXT_CSV::isCompatibleWith)) {
            throw new HttpMediaTypeNotAcceptableException(List.of(TEXT_CSV));
        }
        Tab chosen = OpportunitySorting.tab(tab);
        OpportunityFilter narrowed = filter.toFilter();
        Sort order = narrowed.dueSoonest() ? OpportunitySorting.SOONEST_DUE : OpportunitySorting.sort(sort);
        Collection<UUID> onlyIds = chosen.favoritesOnly() ? favorites.all(caller.partnerId(), caller.userId()) : null;
        response.setContentType(CONTENT_TYPE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("opportunities-" + chosen.name().toLowerCase(Locale.ROOT) + ".csv").build().toString());
        try (Stream<Opportunity> opportunities = queries.stream(caller.partnerId(), chosen, onlyIds, narrowed, order);
             Writer writer = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                     WRITE_BUFFER);
             CSVPrinter csv = CSVFormat.RFC4180.builder().get().print(writer)) {
            writer.write(BYTE_ORDER_MARK);
            csv.printRecord(COLUMNS);
            Iterator<Opportunity> rows = opportunities.iterator();
            List<Opportunity> batch = new ArrayList<>(OpportunityQueries.EXPORT_BATCH);
            while (rows.hasNext()) {
                batch.add(rows.next());
                if (batch.size() == OpportunityQueries.EXPORT_BATCH || !rows.hasNext()) {
                    Set<UUID> marked = chosen.favoritesOnly() ? null : favorites.marked(caller.partnerId(),
                            caller.userId(), batch.stream().map(Opportunity::id).toList());
                    for (Opportunity opportunity : batch) {
                        csv.printRecord(row(opportunity, marked == null || marked.contains(opportunity.id())));
                    }
                    batch.clear();
                }
            }
        }
    }

    static List<String> row(Opportunity opportunity, boolean favorite) {
        DealDetails deal = opportunity.details();
        Customer customer = opportunity.customer();
        Address address = customer == null ? null : customer.address();
        Money value = deal.estimatedValue();
        Sender sender = opportunity.referral().sender();
        return Stream.of(opportunity.id(), deal.name(), opportunity.stage(), opportunity.salesStage(), opportunity.type(), opportunity.origin(),
                        customer == null ? null : customer.name(), address == null ? null : address.country(),
                        customer == null ? null : customer.dunsNumber(),
                        value == null ? null : value.amount().toPlainString(), value == null ? null : value.currency(),
                        deal.estimatedCloseDate(),
                        opportunity.stage() == Stage.RECEIVED ? opportunity.referral().respondBy() : null,
                        sender == null ? null : sender.kind(), sender == null ? null : sender.name(),
                        opportunity.microsoftEngagement().status(), favorite, deal.crmId(), deal.campaignId(),
                        opportunity.createdAt(), opportunity.updatedAt())
                .map(cell -> cell == null ? "" : CsvCells.neutralised(cell.toString()))
                .toList();
    }
}
