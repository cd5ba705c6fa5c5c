package org.cosell.portal;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class InsightsPageIT extends PortalTestBase {

    private static final String FIGURES = """
            {"referralsReceived":1200,"referralsAccepted":800,"referralsDeclined":300,"referralsExpired":100,
             "medianResponseTime":"PT51H30M","dealsWon":5,"dealsLost":3,"winRate":0.625,
             "openPipeline":[{"amount":"1234567.50","currency":"EUR"},{"amount":"30000.00","currency":"USD"}]}""";

    @Test
    void drawsEachFigureAsBarsWithATableForScreenReaders() throws Exception {
        api.on("GET", "/api/insights", FakeCosellApi.Response.json(FIGURES));

        mvc.perform(get("/insights").session(signIn()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<h2 id=\"referrals-title\">Response time</h2>"),
                        containsString("2 days 3 hours"),
                        containsString("62.5%"),
                        containsString("<svg xmlns=\"http://www.w3.org/2000/svg\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 600 150\""),
                        // the largest bar is the longest (290 units); the others in proportion
                        containsString("<rect x=\"140\" y=\"6\" width=\"290\" height=\"24\" class=\"bar first\">"),
                        containsString("<rect x=\"140\" y=\"42\" width=\"193\" height=\"24\" class=\"bar second\">"),
                        containsString("<caption>Referrals by answer</caption>"),
                        containsString("<th scope=\"row\">Received</th>\n                    <td>1,200</td>"),
                        containsString("<td>€1,234,567.50</td>"), containsString("<td>$30,000.00</td>"),
                        containsString("amounts are not converted between currencies"),
                        not(containsString("<script>")))));
    }

    @Test
    void writesNumbersTheItalianWay() throws Exception {
        api.on("GET", "/api/insights", FakeCosellApi.Response.json(FIGURES));

        mvc.perform(get("/insights?lang=it").session(signIn()))
                .andExpect(content().string(allOf(containsString("Tempo di risposta"), containsString("2 giorni 3 ore"),
                        containsString("62,5%"), containsString("<td>1.200</td>"), containsString("<td>1.234.567,50"))));
    }

    @Test
    void saysWhatCannotBeMeasuredYet() throws Exception {
        api.on("GET", "/api/insights", FakeCosellApi.Response.json("""
                {"referralsReceived":0,"referralsAccepted":0,"referralsDeclined":0,"referralsExpired":0,
                 "medianResponseTime":null,"dealsWon":0,"dealsLost":0,"winRate":null,"openPipeline":[]}"""));

        mvc.perform(get("/insights").session(signIn()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Not yet"), containsString("Nothing to show yet."),
                        containsString("width=\"0\""))));
    }

    @Test
    void aForbiddenAnswerSaysSo() throws Exception {
        api.on("GET", "/api/insights", FakeCosellApi.Response.problem(403, "Needs a Cosell role"));

        mvc.perform(get("/insights").session(signIn()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("Your roles do not allow this.")));
    }

    @Test
    void anExpiredSessionSignsInAgainAndComesBackHere() throws Exception {
        api.on("GET", "/api/insights", FakeCosellApi.Response.problem(401, "Token expired"));
        var expired = mvc.perform(get("/insights").session(signIn())).andExpect(redirectedUrl("/sign-in?expired"))
                .andReturn();
        var next = (MockHttpSession) expired.getRequest().getSession(false);

        mvc.perform(post("/sign-in").session(next).with(csrf()).param("partnerId", "4412345").param("name", "Ada")
                        .param("email", "ada@fabrikam.example").param("roles", "REFERRALS_ADMIN"))
                .andExpect(redirectedUrl("/insights"));
    }

    @Test
    void aServiceThatIsDownGivesABanner() throws Exception {
        api.on("GET", "/api/insights", FakeCosellApi.Response.problem(503, "deal-service is unavailable"));

        mvc.perform(get("/insights").session(signIn()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(containsString("Deals are unavailable, try again in a minute.")));
    }

    @Test
    void anUnknownInsightsPageIsNotFound() throws Exception {
        mvc.perform(get("/insights/nothing").session(signIn())).andExpect(status().isNotFound());
    }

    @Test
    void drawsTheOpenPipelinePerSalesStageInEachCurrencyWhenTheApiSaysIt() throws Exception {
        api.on("GET", "/api/insights", FakeCosellApi.Response.json(FIGURES.replace("}]}", "}],"
                + "\"openPipelineBySalesStage\":{\"PROPOSE\":[{\"amount\":\"50000.00\",\"currency\":\"EUR\"}],"
                + "\"QUALIFY\":[{\"amount\":\"10000.00\",\"currency\":\"EUR\"}],\"DEVELOP\":[],"
                + "\"CLOSE\":[{\"amount\":\"30000.00\",\"currency\":\"USD\"}]}}")));
        MockHttpSession session = signIn();

        mvc.perform(get("/insights").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<h2 id=\"pipeline-eur-title\">Open pipeline in EUR by sales stage</h2>"),
                        containsString("<h2 id=\"pipeline-usd-title\">Open pipeline in USD by sales stage</h2>"),
                        containsString("<th scope=\"row\">Qualify</th>\n                    <td>€10,000.00</td>"),
                        containsString("<th scope=\"row\">Propose</th>\n                    <td>€50,000.00</td>"),
                        containsString("<td>$30,000.00</td>"))));
        mvc.perform(get("/insights?lang=it").session(session))
                .andExpect(content().string(allOf(containsString("Pipeline aperta in EUR per fase di vendita"),
                        containsString("<th scope=\"row\">Qualificazione</th>"))));
    }

    @Test
    void anApiWithoutTheSalesStageSplitShowsNoChartForIt() throws Exception {
        api.on("GET", "/api/insights", FakeCosellApi.Response.json(FIGURES));

        mvc.perform(get("/insights").session(signIn()))
                .andExpect(content().string(not(containsString("by sales stage"))));
    }
}
