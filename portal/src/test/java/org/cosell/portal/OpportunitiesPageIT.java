package org.cosell.portal;

import java.net.URI;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class OpportunitiesPageIT extends PortalTestBase {

    private void tabs(long inbound, String... items) {
        api.on("GET", "/api/opportunities", FakeCosellApi.Response.json(pageJson(inbound, items)));
        api.on("GET", "/api/opportunities/counts", FakeCosellApi.Response.json(countsJson(inbound, 4, 2, 7)));
    }

    @Test
    void theHomePageIsTheReferralsList() throws Exception {
        mvc.perform(get("/").session(signIn())).andExpect(redirectedUrl("/opportunities"));
    }

    @Test
    void showsTheInboundTabWithEveryTabsCountAndEachRow() throws Exception {
        tabs(1, opportunityJson("RECEIVED", ""));

        mvc.perform(get("/opportunities").session(signIn()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("Inbound</span>\n                    (<span>1</span>)"),
                        containsString("Outbound</span>\n                    (<span>4</span>)"),
                        containsString("Favorites</span>\n                    (<span>2</span>)"),
                        containsString("Archived</span>\n                    (<span>7</span>)"),
                        containsString("Contoso AI pilot"), containsString("Contoso</span><span>, IT</span>"),
                        containsString("$30,000.00"), containsString("Megan Bowen"),
                        containsString("(3 days left)"), not(containsString("class=\"countdown urgent\"")),
                        containsString("aria-label=\"Mark Contoso AI pilot as favorite\""))));

        assertThat(api.received("GET", "/api/opportunities")).singleElement().satisfies(shown -> {
            assertThat(shown.queryParam("tab")).isEqualTo("inbound");
            assertThat(shown.queryParam("page")).isEqualTo("0");
            assertThat(shown.queryParam("size")).isEqualTo("20");
        });
        assertThat(api.received("GET", "/api/opportunities/counts")).singleElement()
                .satisfies(counts -> assertThat(counts.header("Authorization")).isEqualTo("Bearer " + TOKEN));
    }

    @Test
    void asksForTheTabCountsOncePerSessionUntilTheUserChangesSomething() throws Exception {
        tabs(1, opportunityJson("RECEIVED", ""));
        api.on("PUT", "/api/opportunities/" + ID + "/favorite", FakeCosellApi.Response.noContent());
        MockHttpSession session = signIn();

        mvc.perform(get("/opportunities").session(session)).andExpect(status().isOk());
        mvc.perform(get("/opportunities?tab=archived&page=1").session(session)).andExpect(status().isOk());
        assertThat(api.received("GET", "/api/opportunities")).hasSize(2);
        assertThat(api.received("GET", "/api/opportunities/counts")).hasSize(1);

        api.on("GET", "/api/opportunities/counts", FakeCosellApi.Response.json(countsJson(1, 4, 3, 7)));
        mvc.perform(post("/opportunities/" + ID + "/favorite").session(session).with(csrf()).param("favorite", "true"))
                .andExpect(redirectedUrl("/opportunities"));
        mvc.perform(get("/opportunities").session(session))
                .andExpect(content().string(containsString("Favorites</span>\n                    (<span>3</span>)")));
        assertThat(api.received("GET", "/api/opportunities/counts")).hasSize(2);

        mvc.perform(get("/opportunities").session(signIn())).andExpect(status().isOk());
        assertThat(api.received("GET", "/api/opportunities/counts")).hasSize(3);
    }

    @Test
    void passesSearchStageSortAndPageToTheApiAndKeepsThemInTheLinks() throws Exception {
        api.on("GET", "/api/opportunities", FakeCosellApi.Response.json(pageJson(45, opportunityJson("ACCEPTED", ""))));

        mvc.perform(get(URI.create("/opportunities?tab=outbound&q=Contoso%20%26%20Co&stage=ACCEPTED&sort=name,asc&page=1"))
                        .session(signIn()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/opportunities?tab=outbound&amp;q=Contoso%20%26%20Co&amp;stage=ACCEPTED&amp;sort=name,asc&amp;page=1\"")));

        FakeCosellApi.Request shown = api.received("GET", "/api/opportunities").stream()
                .filter(request -> "20".equals(request.queryParam("size"))).findFirst().orElseThrow();
        assertThat(shown.queryParam("tab")).isEqualTo("outbound");
        assertThat(shown.queryParam("q")).isEqualTo("Contoso & Co");
        assertThat(shown.queryParam("stage")).isEqualTo("ACCEPTED");
        assertThat(shown.queryParam("sort")).isEqualTo("name,asc");
        assertThat(shown.queryParam("page")).isEqualTo("1");
    }

    @Test
    void dropsParametersTheApiWouldRefuse() throws Exception {
        tabs(0);

        mvc.perform(get("/opportunities?tab=everything&stage=OPEN&sort=partnerId,asc&page=-4").session(signIn()))
                .andExpect(status().isOk());

        FakeCosellApi.Request shown = api.received("GET", "/api/opportunities").get(0);
        assertThat(shown.queryParam("tab")).isEqualTo("inbound");
        assertThat(shown.queryParam("stage")).isNull();
        assertThat(shown.queryParam("sort")).isNull();
        assertThat(shown.queryParam("page")).isEqualTo("0");
    }

    @Test
    void highlightsADeadlineUnderADay() throws Exception {
        String soon = opportunityJson("RECEIVED", "").replaceFirst("\"respondBy\":\"[^\"]+\"",
                "\"respondBy\":\"" + java.time.Instant.now().plusSeconds(5 * 3600 + 60) + "\"");
        tabs(1, soon);

        mvc.perform(get("/opportunities").session(signIn()))
                .andExpect(content().string(containsString("class=\"countdown urgent\"")))
                .andExpect(content().string(containsString("(5 hours left)")));
    }

    @Test
    void speaksItalianWhenTheBrowserAsksAndRemembersTheChoice() throws Exception {
        tabs(1, opportunityJson("RECEIVED", ""));
        MockHttpSession session = signIn();

        mvc.perform(get("/opportunities").session(session).locale(Locale.ITALY).header("Accept-Language", "it-IT,it;q=0.9"))
                .andExpect(content().string(allOf(containsString("lang=\"it\""), containsString("Segnalazioni"),
                        containsString("30.000,00"), containsString("(mancano 3 giorni)"))));

        mvc.perform(get("/opportunities?lang=en").session(session).header("Accept-Language", "it-IT"))
                .andExpect(content().string(containsString("Referrals")));
        mvc.perform(get("/opportunities").session(session).header("Accept-Language", "it-IT"))
                .andExpect(content().string(allOf(containsString("lang=\"en\""), containsString("$30,000.00"))));
    }

    @Test
    void marksAFavoriteInPlaceWithHtmx() throws Exception {
        api.on("PUT", "/api/opportunities/" + ID + "/favorite", FakeCosellApi.Response.noContent());
        api.on("GET", "/api/opportunities/" + ID,
                FakeCosellApi.Response.json(opportunityJson("RECEIVED", "").replace("\"favorite\":false", "\"favorite\":true")));

        mvc.perform(post("/opportunities/" + ID + "/favorite").session(signIn()).with(csrf())
                        .header("HX-Request", "true").header("HX-Current-URL", "http://localhost:8080/opportunities?tab=favorites"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<tr id=\"opportunity-" + ID + "\">"),
                        containsString("aria-label=\"Remove Contoso AI pilot from favorites\""),
                        containsString("hx-delete=\"/opportunities/" + ID + "/favorite\""),
                        containsString("value=\"/opportunities?tab=favorites\""), not(containsString("<html")))));

        assertThat(api.last("PUT", "/api/opportunities/" + ID + "/favorite").header("Authorization"))
                .isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void unmarksAFavoriteWithHtmxDelete() throws Exception {
        api.on("DELETE", "/api/opportunities/" + ID + "/favorite", FakeCosellApi.Response.noContent());
        api.on("GET", "/api/opportunities/" + ID, FakeCosellApi.Response.json(opportunityJson("ACCEPTED", "")));

        mvc.perform(delete("/opportunities/" + ID + "/favorite").session(signIn()).with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("aria-label=\"Mark Contoso AI pilot as favorite\"")));

        assertThat(api.received("DELETE", "/api/opportunities/" + ID + "/favorite")).hasSize(1);
    }

    @Test
    void marksAFavoriteWithoutJavaScriptAndGoesBackToTheList() throws Exception {
        api.on("PUT", "/api/opportunities/" + ID + "/favorite", FakeCosellApi.Response.noContent());

        mvc.perform(post("/opportunities/" + ID + "/favorite").session(signIn()).with(csrf())
                        .param("favorite", "true").param("returnTo", "/opportunities?tab=archived"))
                .andExpect(redirectedUrl("/opportunities?tab=archived"));
        mvc.perform(post("/opportunities/" + ID + "/favorite").session(signIn()).with(csrf())
                        .param("favorite", "true").param("returnTo", "https://evil.example/"))
                .andExpect(redirectedUrl("/opportunities"));

        assertThat(api.received("PUT", "/api/opportunities/" + ID + "/favorite")).hasSize(2);
    }

    @Test
    void aFavoriteOfAnUnknownOpportunityIsNotFound() throws Exception {
        mvc.perform(post("/opportunities/" + ID + "/favorite").session(signIn()).with(csrf()).param("favorite", "true"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is no such opportunity")));
    }

    @Test
    void aForbiddenListSaysSo() throws Exception {
        api.on("GET", "/api/opportunities", FakeCosellApi.Response.problem(403, "Needs a Cosell role"));

        mvc.perform(get("/opportunities").session(signIn()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("Your roles do not allow this.")));
    }

    @Test
    void aServiceThatIsDownGivesABannerNotAStackTrace() throws Exception {
        api.on("GET", "/api/opportunities", FakeCosellApi.Response.problem(503, "deal-service is unavailable"));

        mvc.perform(get("/opportunities").session(signIn()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(allOf(containsString("role=\"alert\""),
                        containsString("Deals are unavailable, try again in a minute."), not(containsString("Exception")))));
    }

    @Test
    void aGatewayThatHangsUpGivesTheSameBanner() throws Exception {
        api.on("GET", "/api/opportunities", FakeCosellApi.Response.hangUp());

        mvc.perform(get("/opportunities").session(signIn()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(containsString("Deals are unavailable, try again in a minute.")));
    }

    @Test
    void anHtmxCallWhileTheServiceIsDownPutsTheBannerInTheAlertArea() throws Exception {
        api.on("PUT", "/api/opportunities/" + ID + "/favorite", FakeCosellApi.Response.problem(504, "Outcome unknown"));

        mvc.perform(post("/opportunities/" + ID + "/favorite").session(signIn()).with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(header().string("HX-Retarget", "#alerts"))
                .andExpect(content().string(containsString("Deals are unavailable, try again in a minute.")));
    }
}
