package org.cosell.portal.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.cosell.portal.api.ApiException;
import org.cosell.portal.api.ApiProblem;
import org.cosell.portal.api.CosellApi;
import org.cosell.portal.api.Opportunity;
import org.cosell.portal.api.OpportunityFilters;
import org.cosell.portal.api.OpportunityPage;
import org.cosell.portal.api.OpportunityQuery;
import org.cosell.portal.security.ReturnPath;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The referrals list (Partner Center's "Referrals" page): four tabs with their counts (all four from
 * one call, {@code GET /api/opportunities/counts}, kept a few seconds by {@link TabCountsCache}),
 * search, stage and the other filters, sort and paging, each a parameter of {@code GET /api/opportunities}
 * and all in the page's address (bookmarkable; the back button returns to the list as it was).
 * Choices that are not one of the API's values are dropped rather than sent, so a hand-edited
 * address shows the list instead of an error; typed filters the API refuses are named next to
 * their fields. The same list downloads as CSV. A favorite is marked in place: htmx posts (or deletes) and
 * swaps the row; without JavaScript the same form posts and the list comes back.
 */
@Controller
class OpportunitiesController {

    static final List<String> TABS = List.of("inbound", "outbound", "favorites", "archived");

    static final List<String> STAGES = List.of("RECEIVED", "ACCEPTED", "WON", "LOST", "DECLINED", "EXPIRED");

    static final List<String> SORTS = List.of("updatedAt,desc", "createdAt,desc", "name,asc", "customer,asc",
            "respondBy,asc", "estimatedCloseDate,asc", "stage,asc");

    static final List<String> TYPES = List.of("PRIVATE_PIPELINE", "CO_SELL");

    static final List<String> ENGAGEMENTS = List.of("NONE", "REQUESTED", "ENGAGED", "DECLINED", "EXPIRED");

    static final List<String> SENDER_KINDS = List.of("MICROSOFT", "PARTNER");

    /** What "answer due within" offers: the API takes any ISO 8601 duration, these are the useful ones. */
    static final List<String> RESPOND_WITHIN = List.of("P1D", "P3D", "P7D");

    /** The filters' parameters, which a 400 of the list names. */
    static final List<String> FILTER_FIELDS = List.of("stage", "type", "engagement", "senderKind", "salesStage",
            "solutionId", "closeFrom", "closeTo", "currency", "minValue", "maxValue", "respondWithin");

    static final int PAGE_SIZE = 20;

    /** The most a search box takes: the API's own limit is far above any name a person types. */
    static final int MAX_SEARCH = 200;

    private final CosellApi api;

    private final TabCountsCache tabCounts;

    private final ApiFieldMessages apiMessages;

    OpportunitiesController(CosellApi api, TabCountsCache tabCounts, ApiFieldMessages apiMessages) {
        this.api = api;
        this.tabCounts = tabCounts;
        this.apiMessages = apiMessages;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/opportunities";
    }

    @GetMapping("/opportunities")
    String list(@RequestParam(defaultValue = "inbound") String tab, @RequestParam(required = false) String q,
                @RequestParam(required = false) String stage, @RequestParam(required = false) String sort,
                @RequestParam(defaultValue = "0") String page, OpportunityFilters filters, HttpSession session,
                Model model, HttpServletResponse response) {
        OpportunityQuery query = query(tab, q, stage, sort, pageNumber(page), filters);
        OpportunityPage shown;
        Map<String, String> filterErrors = new LinkedHashMap<>();
        try {
            shown = api.opportunities(query);
        }
        catch (ApiException e) {
            if (e.status() != HttpStatus.BAD_REQUEST.value()) {
                throw e;
            }
            // a filter the API refused (a close date range the wrong way round, say): named next to it
            for (ApiProblem.FieldError error : e.problem().errors()) {
                filterErrors.merge(FILTER_FIELDS.contains(error.field()) ? error.field() : "",
                        String.valueOf(apiMessages.translate(error.message())), (first, second) -> first + " " + second);
            }
            if (filterErrors.isEmpty()) {
                filterErrors.put("", Objects.requireNonNullElse(e.problem().detail(), ""));
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            shown = new OpportunityPage(List.of(), query.page(), PAGE_SIZE, 0);
        }
        Map<String, Long> counts = tabCounts.counts(session).byTab(TABS);
        ListLinks links = new ListLinks(query.tab(), query.q(), query.stage(), query.sort(), query.filters());
        model.addAttribute("tab", query.tab());
        model.addAttribute("q", query.q());
        model.addAttribute("stage", query.stage());
        model.addAttribute("sort", query.sort());
        model.addAttribute("filters", query.filters());
        model.addAttribute("filterErrors", filterErrors);
        model.addAttribute("result", shown);
        model.addAttribute("counts", counts);
        model.addAttribute("tabs", TABS);
        model.addAttribute("stages", STAGES);
        model.addAttribute("sorts", SORTS);
        model.addAttribute("types", TYPES);
        model.addAttribute("engagements", ENGAGEMENTS);
        model.addAttribute("senderKinds", SENDER_KINDS);
        model.addAttribute("salesStages", Opportunity.SALES_STAGES);
        model.addAttribute("respondWithins", RESPOND_WITHIN);
        model.addAttribute("links", links);
        model.addAttribute("returnTo", links.page(query.page()));
        return "opportunities";
    }

    /**
     * The list as a CSV file, with the tab, search and filters of the page it was asked from. The
     * API's answer goes to the browser as it arrives, never held whole. A filter the API refuses
     * sends the browser back to the list, which names it.
     */
    @GetMapping("/opportunities/export")
    String export(@RequestParam(defaultValue = "inbound") String tab, @RequestParam(required = false) String q,
                  @RequestParam(required = false) String stage, @RequestParam(required = false) String sort,
                  OpportunityFilters filters, HttpServletResponse response) {
        OpportunityQuery query = query(tab, q, stage, sort, 0, filters);
        try {
            api.exportOpportunities(query, csv -> {
                response.setContentType("text/csv;charset=UTF-8");
                response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("opportunities.csv").build().toString());
                copy(csv, response.getOutputStream());
            });
        }
        catch (DownloadAbandoned e) {
            // the browser went away (the download was cancelled): nobody is left to tell
            return null;
        }
        catch (ApiException e) {
            if (e.status() == HttpStatus.BAD_REQUEST.value() && !response.isCommitted()) {
                return "redirect:" + new ListLinks(query.tab(), query.q(), query.stage(), query.sort(), query.filters()).page(0);
            }
            throw e;
        }
        return null;
    }

    /** Copies the API's CSV to the browser; a failed write means the browser went away, a failed read the API. */
    private static void copy(InputStream csv, OutputStream browser) throws IOException {
        byte[] buffer = new byte[8192];
        for (int read = csv.read(buffer); read != -1; read = csv.read(buffer)) {
            try {
                browser.write(buffer, 0, read);
            }
            catch (IOException e) {
                throw new DownloadAbandoned(e);
            }
        }
    }

    /** The browser stopped reading an export. */
    private static final class DownloadAbandoned extends UncheckedIOException {

        DownloadAbandoned(IOException cause) {
            super(cause);
        }
    }

    /**
     * The API's query for the page's parameters. A tab, stage, sort or choice that is not one of the
     * API's values is dropped rather than sent, so a hand-edited address shows the list instead of an
     * error; what is typed (dates, amounts, a currency, a solution id) goes as typed, for the API to judge.
     */
    private static OpportunityQuery query(String tab, String q, String stage, String sort, int page,
                                          OpportunityFilters typed) {
        String shownTab = TABS.contains(tab) ? tab : "inbound";
        String search = q == null || q.isBlank() ? null : q.strip();
        if (search != null && search.length() > MAX_SEARCH) {
            search = search.substring(0, MAX_SEARCH);
        }
        OpportunityFilters filters = typed == null ? OpportunityFilters.NONE : new OpportunityFilters(
                oneOf(typed.type(), TYPES), oneOf(typed.engagement(), ENGAGEMENTS), oneOf(typed.senderKind(), SENDER_KINDS),
                oneOf(typed.salesStage(), Opportunity.SALES_STAGES), atMost(typed.solutionId()),
                atMost(typed.closeFrom()), atMost(typed.closeTo()),
                typed.currency() == null ? null : atMost(typed.currency().toUpperCase(Locale.ROOT)),
                OpportunityForms.amount(atMost(typed.minValue())), OpportunityForms.amount(atMost(typed.maxValue())),
                oneOf(typed.respondWithin(), RESPOND_WITHIN));
        return new OpportunityQuery(shownTab, search, oneOf(stage, STAGES), oneOf(sort, SORTS), page, PAGE_SIZE, filters);
    }

    private static String oneOf(String value, List<String> allowed) {
        return value != null && allowed.contains(value) ? value : null;
    }

    private static String atMost(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String value = typed.strip();
        return value.length() > MAX_SEARCH ? value.substring(0, MAX_SEARCH) : value;
    }

    /** htmx: the row again with the new mark. Without htmx: back to the list it was sent from. */
    @RequestMapping(path = "/opportunities/{id}/favorite", method = { RequestMethod.POST, RequestMethod.DELETE })
    String favorite(@PathVariable String id, @RequestParam(required = false) Boolean favorite,
                    @RequestParam(required = false) String returnTo, HttpServletRequest request, Model model) {
        boolean marked = favorite != null ? favorite : RequestMethod.POST.name().equals(request.getMethod());
        api.markFavorite(id, marked);
        if (request.getHeader("HX-Request") != null) {
            model.addAttribute("o", api.opportunity(id));
            model.addAttribute("returnTo", ReturnPath.pageOf(request).filter(OpportunitiesController::isListPage)
                    .orElse("/opportunities"));
            return "opportunities :: row";
        }
        return "redirect:" + (returnTo != null && isListPage(returnTo) ? returnTo : "/opportunities");
    }

    private static boolean isListPage(String path) {
        return (path.equals("/opportunities") || path.startsWith("/opportunities?") || path.startsWith("/opportunities/"))
                && !path.contains("//") && !path.contains("\\");
    }

    private static int pageNumber(String page) {
        try {
            return Math.max(0, Math.min(Integer.parseInt(page), 100_000));
        }
        catch (NumberFormatException e) {
            return 0;
        }
    }
}
