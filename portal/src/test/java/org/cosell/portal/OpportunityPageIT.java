package org.cosell.portal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class OpportunityPageIT extends PortalTestBase {

    private static final String PAGE = "/opportunities/" + ID;

    private void stage(String stage) {
        stage(stage, "");
    }

    private void stage(String stage, String extra) {
        api.on("GET", "/api/opportunities/" + ID, FakeCosellApi.Response.json(opportunityJson(stage, extra)));
    }

    private String render(MockHttpSession session) throws Exception {
        return mvc.perform(get(PAGE).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    private static String hidden(String page, String name) {
        Matcher value = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(page);
        assertThat(value.find()).as(name).isTrue();
        return value.group(1);
    }

    @Test
    void anOpportunityWithoutTheFlagsAndCountsTheApiMayLeaveOutStillShows() throws Exception {
        String sparse = opportunityJson("ACCEPTED", "")
                .replaceFirst(",\\s*\"consentToShareContact\":true", "")
                .replace("\"version\":3,", "")
                .replace("\"favorite\":false", "\"favorite\":null");
        assertThat(sparse).doesNotContain("consentToShareContact", "\"version\"").contains("\"favorite\":null");
        api.on("GET", "/api/opportunities/" + ID, FakeCosellApi.Response.json(sparse));

        assertThat(render(signIn())).contains("Contoso AI pilot", "Customer agreed to share contact</dt>\n                <dd>No</dd>");
    }

    @Test
    void showsTimesInTheZoneTheBrowserSaysItIsInAndUtcWithoutOne() throws Exception {
        stage("ACCEPTED");
        MockHttpSession session = signIn();

        assertThat(mvc.perform(get(PAGE).session(session).cookie(new Cookie("COSELL_TZ", "Europe/Rome")))
                .andReturn().getResponse().getContentAsString())
                .containsPattern("Nov 20, 2026, 11:00\\s?AM Europe/Rome").doesNotContain(" UTC<");
        assertThat(mvc.perform(get(PAGE).session(session).cookie(new Cookie("COSELL_TZ", "Mars/Olympus_Mons")))
                .andReturn().getResponse().getContentAsString())
                .containsPattern("Nov 20, 2026, 10:00\\s?AM UTC");
        assertThat(render(session)).containsPattern("Nov 20, 2026, 10:00\\s?AM UTC");
    }

    @Test
    void aReceivedReferralShowsEveryFieldAndAnAcceptFormWithTheSendersSuggestion() throws Exception {
        stage("RECEIVED");

        String page = render(signIn());

        assertThat(page).contains("Contoso AI pilot", "Megan Bowen", "megan@microsoft.example", "Azure OpenAI",
                "Milano, IT", "Carla · +39 02 555 0100 · carla@contoso.example", "ref-1", "(3 days left)",
                "Inbound · Co-sell", "Not requested", "$30,000.00", "Jun 30, 2027")
                .contains("name=\"name\" value=\"Contoso AI pilot\"", "name=\"amount\" value=\"30000.00\"",
                        "name=\"currency\" value=\"USD\"", "name=\"closeDate\" value=\"2027-06-30\"",
                        "name=\"employees[0].name\" value=\"Ada Lovelace\"",
                        "name=\"employees[0].email\" value=\"ada@fabrikam.example\"",
                        "<label for=\"accept-employees-0-email\">", "id=\"decline-reason\"", "Not a fit for our solutions")
                .doesNotContain("Close as won", "id=\"edit-name\"");
        assertThat(hidden(page, "idempotencyKey")).hasSize(36);
    }

    @Test
    void acceptsWithTheFormsIdempotencyKeyAndSaysSo() throws Exception {
        stage("RECEIVED");
        api.on("POST", "/api/referrals/" + ID + "/accept", FakeCosellApi.Response.json("{\"stage\":\"ACCEPTED\"}"));
        MockHttpSession session = signIn();
        String key = hidden(render(session), "idempotencyKey");

        mvc.perform(post(PAGE + "/accept").session(session).with(csrf()).param("idempotencyKey", key)
                        .param("name", "Contoso AI rollout").param("amount", "45000,50").param("currency", "eur")
                        .param("closeDate", "2027-09-30").param("notes", "")
                        .param("employees[0].name", "Ada").param("employees[0].phone", "+1 425 555 0100")
                        .param("employees[0].email", "ada@fabrikam.example")
                        .param("employees[1].name", "").param("employees[1].phone", "").param("employees[1].email", ""))
                .andExpect(redirectedUrl(PAGE))
                .andExpect(flash().attribute("flash", "accept.done"));

        FakeCosellApi.Request sent = api.last("POST", "/api/referrals/" + ID + "/accept");
        assertThat(sent.header("Idempotency-Key")).isEqualTo(key);
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(sent.body()).contains("\"name\":\"Contoso AI rollout\"", "\"amount\":45000.50", "\"currency\":\"EUR\"",
                "\"estimatedCloseDate\":\"2027-09-30\"",
                "\"employees\":[{\"name\":\"Ada\",\"phone\":\"+1 425 555 0100\",\"email\":\"ada@fabrikam.example\"}]")
                .doesNotContain("notes");
    }

    @Test
    void namesEveryMistakeNextToItsFieldAndSendsNothing() throws Exception {
        stage("RECEIVED");

        mvc.perform(post(PAGE + "/accept").session(signIn()).with(csrf()).param("idempotencyKey", "k-1")
                        .param("name", "").param("amount", "-5").param("currency", "EURO").param("closeDate", "soon")
                        .param("employees[0].name", "Ada").param("employees[0].phone", "1").param("employees[0].email", "ada@"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(
                        containsString("role=\"alert\""), containsString("Some fields need your attention."),
                        containsString("aria-describedby=\"accept-name-error\""),
                        containsString("id=\"accept-name-error\" class=\"error\">This is required."),
                        containsString("id=\"accept-amount-error\" class=\"error\">Enter an amount greater than zero"),
                        containsString("id=\"accept-currency-error\""),
                        containsString("id=\"accept-closeDate-error\" class=\"error\">Enter a date."),
                        containsString("id=\"accept-employees-0-email-error\""),
                        containsString("name=\"idempotencyKey\" value=\"k-1\""))));

        assertThat(api.received("POST", "/api/referrals/" + ID + "/accept")).isEmpty();
    }

    @Test
    void addsATeamMemberRowWithoutSending() throws Exception {
        stage("RECEIVED");

        mvc.perform(post(PAGE + "/accept").session(signIn()).with(csrf()).param("addEmployee", "true")
                        .param("name", "Contoso").param("employees[0].name", "Ada").param("employees[0].phone", "1")
                        .param("employees[0].email", "ada@fabrikam.example"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("name=\"employees[1].email\""),
                        containsString("name=\"employees[0].name\" value=\"Ada\""))));

        assertThat(api.received("POST", "/api/referrals/" + ID + "/accept")).isEmpty();
    }

    @Test
    void showsTheApisFieldErrorsNextToTheFields() throws Exception {
        stage("RECEIVED");
        api.on("POST", "/api/referrals/" + ID + "/accept", FakeCosellApi.Response.problem(400, "Invalid body",
                "[{\"field\":\"estimatedCloseDate\",\"message\":\"must be today or later\"},"
                        + "{\"field\":\"employees[0].email\",\"message\":\"must be a well-formed e-mail address\"}]"));

        mvc.perform(post(PAGE + "/accept").session(signIn()).with(csrf()).param("idempotencyKey", "k-2")
                        .param("name", "Contoso").param("amount", "10").param("currency", "USD").param("closeDate", "2027-01-01")
                        .param("employees[0].name", "Ada").param("employees[0].phone", "1")
                        .param("employees[0].email", "ada@fabrikam.example"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(
                        containsString("id=\"accept-closeDate-error\" class=\"error\">Choose today or a later date."),
                        containsString("id=\"accept-employees-0-email-error\" class=\"error\">must be a well-formed e-mail address"))));
    }

    @Test
    void theApisFieldErrorsSpeakThePagesLanguageAndAnUnknownOneStaysAsTheApiWroteIt() throws Exception {
        stage("RECEIVED");
        api.on("POST", "/api/referrals/" + ID + "/accept", FakeCosellApi.Response.problem(400, "Invalid body",
                "[{\"field\":\"estimatedCloseDate\",\"message\":\"must be a date in the present or in the future\"},"
                        + "{\"field\":\"name\",\"message\":\"size must be between 0 and 200\"},"
                        + "{\"field\":\"estimatedValue.amount\",\"message\":\"numeric value out of bounds (<15 digits>.<2 digits> expected)\"},"
                        + "{\"field\":\"employees[0].name\",\"message\":\"must not be blank\"},"
                        + "{\"field\":\"employees[0].email\",\"message\":\"must be a well-formed e-mail address\"}]"));
        MockHttpSession session = signIn();

        mvc.perform(post(PAGE + "/accept").session(session).with(csrf()).header("Accept-Language", "it-IT,it;q=0.9")
                        .param("idempotencyKey", "k-2")
                        .param("name", "Contoso").param("amount", "10").param("currency", "USD").param("closeDate", "2027-01-01")
                        .param("employees[0].name", "Ada").param("employees[0].phone", "1")
                        .param("employees[0].email", "ada@fabrikam.example"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(
                        containsString("id=\"accept-closeDate-error\" class=\"error\">Scegli oggi o una data successiva."),
                        containsString("id=\"accept-name-error\" class=\"error\">Troppo lungo: al massimo 200."),
                        containsString("id=\"accept-amount-error\" class=\"error\">Usa al massimo 15 cifre prima della virgola e 2 dopo."),
                        containsString("id=\"accept-employees-0-name-error\" class=\"error\">Campo obbligatorio."),
                        containsString("id=\"accept-employees-0-email-error\" class=\"error\">must be a well-formed e-mail address"))));
    }

    @Test
    void aReferralAnsweredMeanwhileIsShownAsItNowStands() throws Exception {
        stage("RECEIVED");
        api.on("POST", "/api/referrals/" + ID + "/decline",
                FakeCosellApi.Response.problem(409, "Cannot decline: the referral is ACCEPTED"));

        mvc.perform(post(PAGE + "/decline").session(signIn()).with(csrf()).param("idempotencyKey", "k-3")
                        .param("reason", "NO_CAPACITY"))
                .andExpect(redirectedUrl(PAGE))
                .andExpect(flash().attribute("flash", "form.stale"));
    }

    @Test
    void declineNeedsNotesForOtherAndSendsTheReasonWithItsKey() throws Exception {
        stage("RECEIVED");
        api.on("POST", "/api/referrals/" + ID + "/decline", FakeCosellApi.Response.json("{\"stage\":\"DECLINED\"}"));
        MockHttpSession session = signIn();

        mvc.perform(post(PAGE + "/decline").session(session).with(csrf()).param("idempotencyKey", "k-4")
                        .param("reason", "OTHER").param("notes", " "))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString(
                        "id=\"decline-notes-error\" class=\"error\">Say why in the notes when the reason is Other.")));
        assertThat(api.received("POST", "/api/referrals/" + ID + "/decline")).isEmpty();

        mvc.perform(post(PAGE + "/decline").session(session).with(csrf()).param("idempotencyKey", "k-4")
                        .param("reason", "OTHER").param("notes", "We only sell in the EU"))
                .andExpect(redirectedUrl(PAGE));
        FakeCosellApi.Request sent = api.last("POST", "/api/referrals/" + ID + "/decline");
        assertThat(sent.header("Idempotency-Key")).isEqualTo("k-4");
        assertThat(sent.body()).isEqualTo("{\"reason\":\"OTHER\",\"notes\":\"We only sell in the EU\"}");
    }

    @Test
    void anAcceptedDealOffersEditHelpWonAndLost() throws Exception {
        stage("ACCEPTED");

        String page = render(signIn());

        assertThat(page).contains("id=\"edit-name\"", "name=\"version\" value=\"3\"", "Ask Microsoft for help",
                "id=\"help-consent\"", "Close as won", "Close as lost", "Lost to a competitor")
                .doesNotContain("Accept the referral");
    }

    @Test
    void editsWithIfMatchAsAMergePatch() throws Exception {
        stage("ACCEPTED");
        api.on("PATCH", "/api/deals/" + ID, FakeCosellApi.Response.json(opportunityJson("ACCEPTED", "")));

        mvc.perform(post(PAGE + "/edit").session(signIn()).with(csrf()).param("version", "3")
                        .param("name", "Contoso AI pilot, phase 2").param("amount", "35000").param("currency", "USD")
                        .param("closeDate", "2027-07-31").param("notes", "").param("crmId", "CRM-9"))
                .andExpect(redirectedUrl(PAGE))
                .andExpect(flash().attribute("flash", "edit.done"));

        FakeCosellApi.Request sent = api.last("PATCH", "/api/deals/" + ID);
        assertThat(sent.header("If-Match")).isEqualTo("\"3\"");
        assertThat(sent.header("Content-Type")).startsWith("application/merge-patch+json");
        assertThat(sent.body()).contains("\"name\":\"Contoso AI pilot, phase 2\"",
                "\"estimatedValue\":{\"amount\":35000,\"currency\":\"USD\"}", "\"notes\":null", "\"crmId\":\"CRM-9\"");
    }

    @Test
    void anEditThatLostARaceKeepsBothPeoplesValues() throws Exception {
        api.on("GET", "/api/opportunities/" + ID, FakeCosellApi.Response.json(opportunityJson("ACCEPTED", "")
                .replace("\"version\":3", "\"version\":4").replace("\"amount\":\"30000.00\"", "\"amount\":\"32000.00\"")));
        api.on("PATCH", "/api/deals/" + ID, FakeCosellApi.Response.problem(412, "The deal changed"));

        mvc.perform(post(PAGE + "/edit").session(signIn()).with(csrf()).param("version", "3")
                        .param("name", "Contoso AI pilot").param("amount", "35000").param("currency", "USD")
                        .param("closeDate", "2027-06-30"))
                .andExpect(status().isConflict())
                .andExpect(content().string(allOf(
                        containsString("Someone else changed this deal while you were editing."),
                        containsString("name=\"amount\" value=\"35000\""),
                        containsString("id=\"edit-amount-theirs\" class=\"theirs\">Now: 32000.00"),
                        containsString("name=\"version\" value=\"4\""),
                        not(containsString("id=\"edit-name-theirs\"")))));
    }

    @Test
    void asksMicrosoftForHelpOnlyWithTheCustomersConsent() throws Exception {
        stage("ACCEPTED");
        api.on("POST", "/api/deals/" + ID + "/cosell-request", FakeCosellApi.Response.json(opportunityJson("ACCEPTED", "")));
        MockHttpSession session = signIn();

        mvc.perform(post(PAGE + "/help").session(session).with(csrf()).param("notes", "Need an Azure architect")
                        .param("contactName", "Carla"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("id=\"help-consent-error\""),
                        containsString("id=\"help-contactEmail-error\""), containsString("id=\"help-helpType-error\""))));

        mvc.perform(post(PAGE + "/help").session(session).with(csrf()).param("consent", "true")
                        .param("helpType", "TECHNICAL_ARCHITECTURE").param("notes", "Need an Azure architect"))
                .andExpect(redirectedUrl(PAGE));
        assertThat(api.last("POST", "/api/deals/" + ID + "/cosell-request").body()).isEqualTo(
                "{\"helpType\":\"TECHNICAL_ARCHITECTURE\",\"notes\":\"Need an Azure architect\",\"consentToShareContact\":true}");
    }

    @Test
    void closesAsWonWithARegistrationAndAsLostWithAReasonEachWithItsKey() throws Exception {
        stage("ACCEPTED");
        api.on("POST", "/api/deals/" + ID + "/won", FakeCosellApi.Response.json(opportunityJson("WON", "")));
        api.on("POST", "/api/deals/" + ID + "/lost", FakeCosellApi.Response.json(opportunityJson("LOST", "")));
        MockHttpSession session = signIn();

        mvc.perform(post(PAGE + "/won").session(session).with(csrf()).param("idempotencyKey", "k-won")
                        .param("finalAmount", "31000").param("finalCurrency", "USD").param("signedDate", "2026-11-30"))
                .andExpect(redirectedUrl(PAGE));
        FakeCosellApi.Request won = api.last("POST", "/api/deals/" + ID + "/won");
        assertThat(won.header("Idempotency-Key")).isEqualTo("k-won");
        assertThat(won.body()).isEqualTo("{\"registration\":{\"finalValue\":{\"amount\":31000,\"currency\":\"USD\"},"
                + "\"contractSignedDate\":\"2026-11-30\"}}");

        mvc.perform(post(PAGE + "/lost").session(session).with(csrf()).param("idempotencyKey", "k-lost").param("reason", ""))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"lost-reason-error\"")));
        mvc.perform(post(PAGE + "/lost").session(session).with(csrf()).param("idempotencyKey", "k-lost")
                        .param("reason", "NO_BUDGET"))
                .andExpect(redirectedUrl(PAGE));
        FakeCosellApi.Request lost = api.last("POST", "/api/deals/" + ID + "/lost");
        assertThat(lost.header("Idempotency-Key")).isEqualTo("k-lost");
        assertThat(lost.body()).isEqualTo("{\"reason\":\"NO_BUDGET\"}");
    }

    @Test
    void aClosedDealIsReadOnlyAndSaysWhy() throws Exception {
        stage("LOST", ",\"closing\":{\"closedAt\":\"2026-11-25T09:00:00Z\",\"lostReason\":\"NO_BUDGET\",\"notes\":\"Budget cut\"}");

        String page = render(signIn());

        assertThat(page).contains("How it closed", "No budget", "Budget cut", "Nov 25, 2026")
                .doesNotContain("<form action=\"/opportunities/" + ID + "/");
    }

    @Test
    void anExpiredReferralSaysNobodyAnswered() throws Exception {
        stage("EXPIRED");

        assertThat(render(signIn())).contains("Nobody answered this referral before its deadline.");
    }

    @Test
    void anUnknownOrForeignOpportunityIsNotFound() throws Exception {
        mvc.perform(get(PAGE).session(signIn()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is no such opportunity, or it belongs to another partner.")));
    }

    @Test
    void aRefusedMoveIsForbidden() throws Exception {
        stage("ACCEPTED");
        api.on("POST", "/api/deals/" + ID + "/lost", FakeCosellApi.Response.problem(403, "Needs a Cosell role"));

        mvc.perform(post(PAGE + "/lost").session(signIn()).with(csrf()).param("idempotencyKey", "k").param("reason", "TIMING"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("Your roles do not allow this.")));
    }

    @Test
    void anOutcomeUnknownAnswerGivesTheBanner() throws Exception {
        stage("ACCEPTED");
        api.on("POST", "/api/deals/" + ID + "/won", FakeCosellApi.Response.problem(504, "Outcome unknown"));

        mvc.perform(post(PAGE + "/won").session(signIn()).with(csrf()).param("idempotencyKey", "k"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(containsString("Deals are unavailable, try again in a minute.")));
    }

    @Test
    void anExpiredSessionOnAFormGoesToSignInAndBackToTheOpportunity() throws Exception {
        stage("ACCEPTED");
        api.on("POST", "/api/deals/" + ID + "/lost", FakeCosellApi.Response.problem(401, "Invalid or expired token"));

        var expired = mvc.perform(post(PAGE + "/lost").session(signIn()).with(csrf()).header("Referer", "http://localhost" + PAGE)
                        .param("idempotencyKey", "k").param("reason", "TIMING"))
                .andExpect(redirectedUrl("/sign-in?expired"))
                .andReturn();

        mvc.perform(post("/sign-in").session((MockHttpSession) expired.getRequest().getSession(false)).with(csrf())
                        .param("partnerId", "4412345").param("name", "Ada").param("email", "ada@fabrikam.example")
                        .param("roles", "REFERRALS_ADMIN"))
                .andExpect(redirectedUrl(PAGE));
    }

    @Test
    void speaksItalianOnTheOpportunityPage() throws Exception {
        stage("RECEIVED");

        mvc.perform(get(PAGE + "?lang=it").session(signIn()))
                .andExpect(content().string(allOf(containsString("Accetta la segnalazione"), containsString("30.000,00"),
                        containsString("30 giu 2027"), containsString("Ricevuta"))));
    }
}
