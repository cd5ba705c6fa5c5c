package org.cosell.portal;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The list's filters, kept in its address, and the CSV export of what it shows. */
class OpportunityFiltersIT extends PortalTestBase {

    private static final String FILTERED = "/opportunities?tab=outbound&q=A%26B&type=CO_SELL&engagement=DECLINED"
            + "&senderKind=MICROSOFT&salesStage=PROPOSE&solutionId=s-1&closeFrom=2027-01-01&closeTo=2027-12-31"
            + "&currency=eur&minValue=1000,50&maxValue=5000&respondWithin=P3D&sort=name,asc";

    private void list(long total, String... items) {
        api.on("GET", "/api/opportunities", FakeCosellApi.Response.json(
                "{\"items\":[" + String.join(",", items) + "],\"page\":0,\"size\":20,\"total\":" + total + "}"));
    }

    @Test
    void sendsEveryFilterWithTheTabSearchAndSortAndKeepsThemInEveryLink() throws Exception {
        list(45, opportunityJson("ACCEPTED", ""));

        String page = mvc.perform(get(URI.create(FILTERED)).session(signIn()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        FakeCosellApi.Request sent = api.last("GET", "/api/opportunities");
        assertThat(sent.queryParam("tab")).isEqualTo("outbound");
        assertThat(sent.queryParam("q")).isEqualTo("A&B");
        assertThat(sent.queryParam("sort")).isEqualTo("name,asc");
        assertThat(sent.queryParam("type")).isEqualTo("CO_SELL");
        assertThat(sent.queryParam("engagement")).isEqualTo("DECLINED");
        assertThat(sent.queryParam("senderKind")).isEqualTo("MICROSOFT");
        assertThat(sent.queryParam("salesStage")).isEqualTo("PROPOSE");
        assertThat(sent.queryParam("solutionId")).isEqualTo("s-1");
        assertThat(sent.queryParam("closeFrom")).isEqualTo("2027-01-01");
        assertThat(sent.queryParam("closeTo")).isEqualTo("2027-12-31");
        assertThat(sent.queryParam("currency")).isEqualTo("EUR");
        assertThat(sent.queryParam("minValue")).isEqualTo("1000.50");
        assertThat(sent.queryParam("maxValue")).isEqualTo("5000");
        assertThat(sent.queryParam("respondWithin")).isEqualTo("P3D");

        String kept = "type=CO_SELL&engagement=DECLINED&senderKind=MICROSOFT&salesStage=PROPOSE&solutionId=s-1"
                + "&closeFrom=2027-01-01&closeTo=2027-12-31&currency=EUR&minValue=1000.50&maxValue=5000&respondWithin=P3D";
        assertThat(page)
                .contains("<details class=\"more-filters\" open=\"open\">")
                .contains("<label for=\"filter-type\">Selling type</label>", "<option value=\"CO_SELL\" selected=\"selected\">Co-sell</option>",
                        "<option value=\"P3D\" selected=\"selected\">Within 3 days</option>",
                        "<option value=\"PROPOSE\" selected=\"selected\">Propose</option>",
                        "id=\"filter-closeFrom\" name=\"closeFrom\" type=\"date\" value=\"2027-01-01\"",
                        "id=\"filter-currency\" name=\"currency\" type=\"text\" value=\"EUR\"")
                // the next page, another tab, the export: all with the filters
                .contains("href=\"/opportunities?tab=outbound&amp;q=A%26B&amp;" + kept.replace("&", "&amp;") + "&amp;sort=name,asc&amp;page=1\"")
                .contains("href=\"/opportunities?tab=archived&amp;q=A%26B&amp;" + kept.replace("&", "&amp;") + "\"")
                .contains("href=\"/opportunities/export?tab=outbound&amp;q=A%26B&amp;" + kept.replace("&", "&amp;") + "&amp;sort=name,asc\"")
                .contains("<a href=\"/opportunities?tab=outbound&amp;q=A%26B&amp;sort=name,asc\" data-test=\"clear-filters\">Clear filters</a>")
                .contains("href=\"/deals/import\"");
    }

    @Test
    void anUnfilteredListOffersNoClearingAndKeepsMoreFiltersClosed() throws Exception {
        list(0);

        mvc.perform(get("/opportunities?type=BOGUS&respondWithin=P99D&salesStage=nope").session(signIn()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<details class=\"more-filters\">"),
                        not(containsString("data-test=\"clear-filters\"")),
                        containsString("href=\"/opportunities/export?tab=inbound\""))));

        FakeCosellApi.Request sent = api.last("GET", "/api/opportunities");
        assertThat(sent.query()).doesNotContain("type=", "respondWithin", "salesStage");
    }

    @Test
    void aFilterTheApiRefusesIsNamedNextToItsFieldAndAnnounced() throws Exception {
        api.on("GET", "/api/opportunities", FakeCosellApi.Response.problem(400, "Invalid parameters",
                "[{\"field\":\"closeTo\",\"message\":\"must not be before closeFrom\"},"
                        + "{\"field\":\"minValue\",\"message\":\"must be greater than or equal to 0\"}]"));
        MockHttpSession session = signIn();

        mvc.perform(get("/opportunities?closeFrom=2027-12-31&closeTo=2027-01-01&currency=EUR&minValue=-1").session(session))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(
                        containsString("role=\"alert\" id=\"filter-errors\""),
                        containsString("Some filters need your attention."),
                        containsString("id=\"filter-closeTo\" name=\"closeTo\" type=\"date\" value=\"2027-01-01\" maxlength=\"200\" aria-invalid=\"true\" aria-describedby=\"filter-closeTo-error\""),
                        containsString("<p id=\"filter-closeTo-error\" class=\"error\">must not be before closeFrom</p>"),
                        containsString("<p id=\"filter-minValue-error\" class=\"error\">Enter 0 or more.</p>"),
                        containsString("<details class=\"more-filters\" open=\"open\">"),
                        containsString("no opportunities"))));

        mvc.perform(get("/opportunities?closeFrom=2027-12-31&closeTo=2027-01-01&currency=EUR&minValue=-1&lang=it").session(session))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("Alcuni filtri vanno corretti."),
                        containsString("<label for=\"filter-closeTo\">Chiusura prevista fino al</label>"),
                        containsString("<p id=\"filter-minValue-error\" class=\"error\">"))));
    }

    @Test
    void speaksItalian() throws Exception {
        list(0);

        mvc.perform(get("/opportunities?lang=it&type=PRIVATE_PIPELINE").session(signIn()))
                .andExpect(content().string(allOf(containsString("Altri filtri"), containsString("Rimuovi i filtri"),
                        containsString("Esporta in CSV"), containsString("Importa opportunità da un file CSV"),
                        containsString("<option value=\"P1D\">Entro 1 giorno</option>"),
                        containsString("<option value=\"QUALIFY\">Qualificazione</option>"))));
    }

    @Test
    void exportsTheSameListAsACsvDownload() throws Exception {
        // many times the copy's buffer, so that every chunk of the API's stream must arrive in order
        String csv = "id,name,customer\n" + (ID + ",Contoso AI pilot,Contoso è qui\n").repeat(3000);
        api.on("GET", "/api/opportunities/export", FakeCosellApi.Response.csv(csv));

        mvc.perform(get("/opportunities/export?tab=archived&q=Contoso&type=CO_SELL&currency=usd&minValue=10&page=3")
                        .session(signIn()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"opportunities.csv\""))
                .andExpect(content().string(csv));

        FakeCosellApi.Request sent = api.last("GET", "/api/opportunities/export");
        assertThat(sent.header("Accept")).isEqualTo("text/csv");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(sent.queryParam("tab")).isEqualTo("archived");
        assertThat(sent.queryParam("q")).isEqualTo("Contoso");
        assertThat(sent.queryParam("type")).isEqualTo("CO_SELL");
        assertThat(sent.queryParam("currency")).isEqualTo("USD");
        assertThat(sent.queryParam("minValue")).isEqualTo("10");
        assertThat(sent.queryParam("page")).isNull();
        assertThat(sent.queryParam("size")).isNull();
    }

    @Test
    void anExportWithAFilterTheApiRefusesGoesBackToTheListThatNamesIt() throws Exception {
        api.on("GET", "/api/opportunities/export", FakeCosellApi.Response.problem(400, "Invalid parameters",
                "[{\"field\":\"maxValue\",\"message\":\"needs currency\"}]"));

        mvc.perform(get("/opportunities/export?tab=outbound&maxValue=5").session(signIn()))
                .andExpect(redirectedUrl("/opportunities?tab=outbound&maxValue=5"));
    }

    @Test
    void anExportNeedsASignedInUser() throws Exception {
        mvc.perform(get("/opportunities/export")).andExpect(redirectedUrl("/sign-in"));
        assertThat(api.received("GET", "/api/opportunities/export")).isEmpty();
    }

    @Test
    void anExportWhileTheApiIsDownGivesTheBannerNotAFile() throws Exception {
        api.on("GET", "/api/opportunities/export", FakeCosellApi.Response.problem(503, "Unavailable"));

        mvc.perform(get("/opportunities/export").session(signIn()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().doesNotExist("Content-Disposition"))
                .andExpect(content().string(containsString("Deals are unavailable, try again in a minute.")));
    }
}
