package org.cosell.portal.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.cosell.portal.api.CosellApi;
import org.cosell.portal.api.OpportunityPage;
import org.cosell.portal.api.OpportunityQuery;
import org.cosell.portal.security.ReturnPath;

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
 * search, stage filter, sort and paging, each a parameter of {@code GET /api/opportunities}. Parameters
 * that are not one of the API's values are dropped rather than sent, so a hand-edited address
 * shows the list instead of an error. A favorite is marked in place: htmx posts (or deletes) and
 * swaps the row; without JavaScript the same form posts and the list comes back.
 */
@Controller
class OpportunitiesController {

    static final List<String> TABS = List.of("inbound", "outbound", "favorites", "archived");

    static final List<String> STAGES = List.of("RECEIVED", "ACCEPTED", "WON", "LOST", "DECLINED", "EXPIRED");

    static final List<String> SORTS = List.of("updatedAt,desc", "createdAt,desc", "name,asc", "customer,asc",
            "respondBy,asc", "estimatedCloseDate,asc", "stage,asc");

    static final int PAGE_SIZE = 20;

    /** The most a search box takes: the API's own limit is far above any name a person types. */
    static final int MAX_SEARCH = 200;

    private final CosellApi api;

    private final TabCountsCache tabCounts;

    OpportunitiesController(CosellApi api, TabCountsCache tabCounts) {
        this.api = api;
        this.tabCounts = tabCounts;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/opportunities";
    }

    @GetMapping("/opportunities")
    String list(@RequestParam(defaultValue = "inbound") String tab, @RequestParam(required = false) String q,
                @RequestParam(required = false) String stage, @RequestParam(required = false) String sort,
                @RequestParam(defaultValue = "0") String page, HttpSession session, Model model) {
        String shownTab = TABS.contains(tab) ? tab : "inbound";
        String search = q == null || q.isBlank() ? null : q.strip();
        if (search != null && search.length() > MAX_SEARCH) {
            search = search.substring(0, MAX_SEARCH);
        }
        String shownStage = stage != null && STAGES.contains(stage) ? stage : null;
        String shownSort = sort != null && SORTS.contains(sort) ? sort : null;
        int pageNumber = pageNumber(page);
        OpportunityPage shown = api.opportunities(
                new OpportunityQuery(shownTab, search, shownStage, shownSort, pageNumber, PAGE_SIZE));
        Map<String, Long> counts = tabCounts.counts(session).byTab(TABS);
        model.addAttribute("tab", shownTab);
        model.addAttribute("q", search);
        model.addAttribute("stage", shownStage);
        model.addAttribute("sort", shownSort);
        model.addAttribute("result", shown);
        model.addAttribute("counts", counts);
        model.addAttribute("tabs", TABS);
        model.addAttribute("stages", STAGES);
        model.addAttribute("sorts", SORTS);
        model.addAttribute("links", new ListLinks(shownTab, search, shownStage, shownSort));
        model.addAttribute("returnTo", new ListLinks(shownTab, search, shownStage, shownSort).page(pageNumber));
        return "opportunities";
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
