package org.cosell.portal;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Working an opportunity: its history, notes, sales stage, the sender's notes, asking Microsoft again. */
class OpportunityWorkIT extends PortalTestBase {

    private static final String PAGE = "/opportunities/" + ID;

    private static final String HISTORY = activityJson(
            """
            {"at":"2026-11-20T10:00:00Z","kind":"RECEIVED","actor":null,"summary":"Referral received","changes":[]}""",
            """
            {"at":"2026-11-20T11:00:00Z","kind":"ACCEPTED","actor":{"sub":"u-1","name":"Ada Lovelace"},"summary":"Accepted"}""",
            """
            {"at":"2026-11-21T09:00:00Z","kind":"EDITED","actor":{"sub":"u-2","name":"Grace Hopper"},"summary":"Edited",
             "changes":[{"field":"name","from":"Contoso","to":"Contoso AI pilot"},
                        {"field":"estimatedValue","from":{"amount":"25000.00","currency":"USD"},"to":{"amount":"30000.00","currency":"USD"}},
                        {"field":"crmId","from":null,"to":"CRM-7"}]}""",
            """
            {"at":"2026-11-21T10:00:00Z","kind":"SALES_STAGE_CHANGED","actor":{"sub":"u-1","name":"Ada Lovelace"},"summary":"x",
             "changes":[{"field":"salesStage","from":"QUALIFY","to":"PROPOSE"}]}""",
            """
            {"at":"2026-11-21T11:00:00Z","kind":"ENGAGEMENT_EXPIRED","actor":null,"summary":"Engagement expired"}""",
            """
            {"at":"2026-11-22T11:00:00Z","kind":"SOMETHING_NEW","actor":null,"summary":"A new kind of thing happened"}""");

    private void stage(String stage, String extra) {
        api.on("GET", "/api/opportunities/" + ID, FakeCosellApi.Response.json(opportunityJson(stage, extra)));
    }

    private void engagement(String status) {
        api.on("GET", "/api/opportunities/" + ID, FakeCosellApi.Response.json(opportunityJson("ACCEPTED", "")
                .replace("\"microsoftEngagement\":{\"status\":\"NONE\"}", "\"microsoftEngagement\":{\"status\":\"" + status + "\"}")));
    }

    private void historyAndNotes() {
        api.on("GET", "/api/opportunities/" + ID + "/activity", FakeCosellApi.Response.json(HISTORY));
        api.on("GET", "/api/opportunities/" + ID + "/notes", FakeCosellApi.Response.json(notesJson(
                "2026-11-22T08:00:00Z", "Grace Hopper", "Customer wants a demo", "2026-11-21T08:00:00Z", "Ada Lovelace", "Called Carla")));
    }

    private String render(MockHttpSession session, String query) throws Exception {
        return mvc.perform(get(PAGE + query).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    /**
     * Each of the two calls is answered only once the other has arrived too, so a page that asked
     * for one after the other would get a refusal for the first and show neither.
     */
    @Test
    void asksForTheHistoryAndTheNotesAtOnceEachWithTheUsersTokenAndThePagesTrace() throws Exception {
        stage("ACCEPTED", "");
        CountDownLatch bothAsked = new CountDownLatch(2);
        api.on("GET", "/api/opportunities/" + ID + "/activity", onceBothAsked(bothAsked, HISTORY));
        api.on("GET", "/api/opportunities/" + ID + "/notes", onceBothAsked(bothAsked,
                notesJson("2026-11-22T08:00:00Z", "Grace Hopper", "Customer wants a demo")));
        String traceId = "4b6d8f0a2c4e6a8c0e2a4c6e8a0c2e4a";

        String page = mvc.perform(get(PAGE).session(signIn()).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Cosell delivered the referral.", "Customer wants a demo");
        for (String part : List.of("/activity", "/notes")) {
            FakeCosellApi.Request sent = api.last("GET", "/api/opportunities/" + ID + part);
            assertThat(sent.header("Authorization")).as(part).isEqualTo("Bearer " + TOKEN);
            assertThat(sent.header("traceparent")).as(part).startsWith("00-" + traceId + "-");
        }
    }

    private static Function<FakeCosellApi.Request, FakeCosellApi.Response> onceBothAsked(CountDownLatch bothAsked,
                                                                                       String json) {
        return request -> {
            bothAsked.countDown();
            try {
                return bothAsked.await(5, TimeUnit.SECONDS) ? FakeCosellApi.Response.json(json)
                        : FakeCosellApi.Response.problem(503, "asked one after the other");
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FakeCosellApi.Response.problem(503, "interrupted");
            }
        };
    }

    @Test
    void aHistoryThatLetEntriesGoSaysHowManyInTheUsersLanguage() throws Exception {
        stage("ACCEPTED", "");
        historyAndNotes();
        api.on("GET", "/api/opportunities/" + ID + "/activity",
                FakeCosellApi.Response.json(HISTORY.replaceFirst("}$", ",\"omitted\":1204}")));
        MockHttpSession session = signIn();

        assertThat(render(session, "")).contains("Cosell delivered the referral.",
                "The first entry and the latest are shown: 1,204 entries between them are no longer kept.");
        assertThat(render(session, "?lang=it")).contains("1.204 voci intermedie non sono più conservate.");

        api.on("GET", "/api/opportunities/" + ID + "/activity", FakeCosellApi.Response.json(HISTORY));
        assertThat(render(session, "?lang=en")).as("only once entries were let go").doesNotContain("activity-omitted");
    }

    @Test
    void theActivityIsASentencePerEntryOldestFirstWithWhoAndWhenAndWhatChanged() throws Exception {
        stage("ACCEPTED", "");
        historyAndNotes();

        String page = render(signIn(), "");

        assertThat(page).containsSubsequence(
                "<h2 id=\"activity-title\">Activity</h2>",
                "<time datetime=\"2026-11-20T10:00:00Z\">Nov 20, 2026, 10:00", "Cosell delivered the referral.",
                "Ada Lovelace accepted the referral.",
                "Grace Hopper edited the deal.", "<li>Name: Contoso → Contoso AI pilot</li>",
                "<li>Estimated value: $25,000.00 → $30,000.00</li>", "<li>CRM id: (none) → CRM-7</li>",
                "Ada Lovelace moved the deal to the sales stage Propose.",
                "Microsoft did not answer the request for help in time.",
                "A new kind of thing happened");
    }

    @Test
    void theActivitySpeaksItalian() throws Exception {
        stage("ACCEPTED", "");
        historyAndNotes();

        assertThat(render(signIn(), "?lang=it")).containsSubsequence("<h2 id=\"notes-title\">Note</h2>", "Nuova nota",
                "<h2 id=\"activity-title\">Attività</h2>",
                "20 nov 2026", "Cosell ha consegnato la segnalazione.", "Ada Lovelace ha accettato la segnalazione.",
                "Grace Hopper ha modificato l&#39;opportunità.", "Nome: Contoso → Contoso AI pilot",
                "Valore stimato: 25.000,00",
                "Ada Lovelace ha portato l&#39;opportunità alla fase di vendita Proposta.");
    }

    @Test
    void anOlderApiWithoutActivityOrNotesStillShowsThePageAndSaysSo() throws Exception {
        stage("ACCEPTED", "");

        assertThat(render(signIn(), "")).contains("Contoso AI pilot",
                "data-test=\"activity-unavailable\">The history of this opportunity is not available yet.",
                "data-test=\"notes-unavailable\">Notes are not available yet.")
                .doesNotContain("action=\"/opportunities/" + ID + "/notes\"");
    }

    @Test
    void notesAreListedNewestFirstWithALabelledForm() throws Exception {
        stage("RECEIVED", "");
        historyAndNotes();

        assertThat(render(signIn(), "")).containsSubsequence("<h2 id=\"notes-title\">Notes</h2>",
                "hx-post=\"/opportunities/" + ID + "/notes\"", "<label for=\"note-text\">New note</label>",
                "<textarea id=\"note-text\" name=\"text\"", "Add the note",
                "Grace Hopper", "Customer wants a demo", "Ada Lovelace", "Called Carla");
    }

    @Test
    void anArchivedOpportunityShowsItsNotesButNoForm() throws Exception {
        historyAndNotes();
        MockHttpSession session = signIn();
        for (String archived : List.of("WON", "LOST", "DECLINED", "EXPIRED")) {
            stage(archived, "");
            assertThat(render(session, "")).as(archived).contains("Called Carla",
                    "This opportunity is closed: no more notes can be added.").doesNotContain("id=\"note-text\"");
        }
    }

    @Test
    void addsANoteInPlaceWithHtmxAndAnnouncesIt() throws Exception {
        stage("ACCEPTED", "");
        historyAndNotes();
        api.on("POST", "/api/opportunities/" + ID + "/notes", FakeCosellApi.Response.json(201,
                "{\"id\":\"n-9\",\"at\":\"2026-11-23T08:00:00Z\",\"author\":{\"sub\":\"u-1\",\"name\":\"Ada Lovelace\"},\"text\":\"Demo booked\"}"));

        String answer = mvc.perform(post(PAGE + "/notes").session(signIn()).with(csrf()).header("HX-Request", "true")
                        .param("text", "  Demo booked  "))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(api.last("POST", "/api/opportunities/" + ID + "/notes").body()).isEqualTo("{\"text\":\"Demo booked\"}");
        assertThat(answer).doesNotContain("<html").contains("<section id=\"notes\"",
                "<div id=\"alerts\" hx-swap-oob=\"innerHTML\"><p class=\"notice\">Note added.</p></div>",
                "<textarea id=\"note-text\" name=\"text\" rows=\"3\" aria-invalid=\"false\"></textarea>");
    }

    @Test
    void anEmptyOrTooLongNoteIsSaidNextToTheFieldAndNothingIsSent() throws Exception {
        stage("ACCEPTED", "");
        historyAndNotes();
        MockHttpSession session = signIn();

        mvc.perform(post(PAGE + "/notes").session(session).with(csrf()).header("HX-Request", "true").param("text", "   "))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("role=\"alert\""),
                        containsString("aria-invalid=\"true\" aria-describedby=\"note-text-error\""),
                        containsString("<p id=\"note-text-error\" class=\"error\">This is required.</p>"))));
        mvc.perform(post(PAGE + "/notes").session(session).with(csrf()).param("text", "x".repeat(2001)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("<p id=\"note-text-error\" class=\"error\">This is too long.</p>")));
        mvc.perform(post(PAGE + "/notes").session(session).with(csrf()).param("text", "x".repeat(2001)).param("lang", "it"))
                .andExpect(content().string(containsString("<p id=\"note-text-error\" class=\"error\">")));
        assertThat(api.received("POST", "/api/opportunities/" + ID + "/notes")).isEmpty();
    }

    @Test
    void aNoteTheApiRefusesShowsItsReasonNextToTheField() throws Exception {
        stage("ACCEPTED", "");
        historyAndNotes();
        api.on("POST", "/api/opportunities/" + ID + "/notes", FakeCosellApi.Response.problem(400, "Invalid body",
                "[{\"field\":\"text\",\"message\":\"size must be between 1 and 2000\"}]"));
        MockHttpSession session = signIn();

        mvc.perform(post(PAGE + "/notes").session(session).with(csrf()).header("HX-Request", "true").param("text", "Hi"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<section id=\"notes\""),
                        containsString("<p id=\"note-text-error\" class=\"error\">Needs 1 to 2000 characters or entries.</p>"))));
        mvc.perform(post(PAGE + "/notes").session(session).with(csrf()).param("text", "Hi"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("<p id=\"note-text-error\" class=\"error\">Needs 1 to 2000 characters or entries.</p>")));
    }

    @Test
    void withoutJavaScriptANoteIsAddedAndThePageComesBack() throws Exception {
        stage("ACCEPTED", "");
        api.on("POST", "/api/opportunities/" + ID + "/notes", FakeCosellApi.Response.json(201, "{\"id\":\"n-9\"}"));

        mvc.perform(post(PAGE + "/notes").session(signIn()).with(csrf()).param("text", "Demo booked"))
                .andExpect(redirectedUrl(PAGE))
                .andExpect(flash().attribute("flash", "note.done"));
    }

    @Test
    void aNoteOnAnOpportunityClosedMeanwhileShowsItAsItNowStands() throws Exception {
        stage("ACCEPTED", "");
        api.on("POST", "/api/opportunities/" + ID + "/notes", FakeCosellApi.Response.problem(409, "The deal is WON"));

        mvc.perform(post(PAGE + "/notes").session(signIn()).with(csrf()).header("HX-Request", "true").param("text", "Late"))
                .andExpect(header().string("HX-Redirect", PAGE))
                .andExpect(flash().attribute("flash", "form.stale"));
    }

    @Test
    void anAcceptedDealShowsItsSalesStageAndMovesItWithTheEditsMergePatch() throws Exception {
        stage("ACCEPTED", ",\"salesStage\":\"PROPOSE\"");
        api.on("PATCH", "/api/deals/" + ID, FakeCosellApi.Response.json(opportunityJson("ACCEPTED", "")));
        MockHttpSession session = signIn();

        assertThat(render(session, "")).contains("data-test=\"sales-stage\" data-sales-stage=\"PROPOSE\">Propose</dd>",
                "<label for=\"salesStage-salesStage\">Where the deal is in your sales process</label>",
                "<option value=\"PROPOSE\" selected=\"selected\">Propose</option>", "<option value=\"CLOSE\">Close</option>");

        mvc.perform(post(PAGE + "/sales-stage").session(session).with(csrf()).param("version", "3").param("salesStage", "CLOSE"))
                .andExpect(redirectedUrl(PAGE))
                .andExpect(flash().attribute("flash", "salesStage.done"));
        FakeCosellApi.Request patch = api.last("PATCH", "/api/deals/" + ID);
        assertThat(patch.body()).isEqualTo("{\"salesStage\":\"CLOSE\"}");
        assertThat(patch.header("If-Match")).isEqualTo("\"3\"");
        assertThat(patch.header("Content-Type")).startsWith("application/merge-patch+json");
    }

    @Test
    void aDealWithoutASalesStageIsInTheFirstAndAnUnknownOneIsRefusedBeforeSending() throws Exception {
        stage("ACCEPTED", "");
        MockHttpSession session = signIn();

        assertThat(render(session, "")).contains("data-sales-stage=\"QUALIFY\">Qualify</dd>");
        mvc.perform(post(PAGE + "/sales-stage").session(session).with(csrf()).param("version", "3").param("salesStage", "WINNING"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"salesStage-salesStage-error\"")));
        assertThat(api.received("PATCH", "/api/deals/" + ID)).isEmpty();
    }

    @Test
    void aSalesStageChangeThatLostARaceShowsTheStageAsItNowIs() throws Exception {
        stage("ACCEPTED", ",\"salesStage\":\"DEVELOP\"");
        api.on("PATCH", "/api/deals/" + ID, FakeCosellApi.Response.problem(412, "The deal changed"));

        mvc.perform(post(PAGE + "/sales-stage").session(signIn()).with(csrf()).param("version", "2").param("salesStage", "CLOSE"))
                .andExpect(redirectedUrl(PAGE))
                .andExpect(flash().attribute("flash", "salesStage.conflict"));
    }

    @Test
    void aReceivedReferralShowsTheSendersNotesAndADeclinedOneItsReason() throws Exception {
        MockHttpSession session = signIn();
        stage("RECEIVED", ",\"referral\":{\"senderNotes\":\"Call Carla before Friday\"}");
        assertThat(render(session, "")).contains("<dt>The sender&#39;s notes</dt>",
                "data-test=\"sender-notes\">Call Carla before Friday</dd>").doesNotContain("id=\"salesStage-salesStage\"");

        stage("DECLINED", ",\"closing\":{\"closedAt\":\"2026-11-25T09:00:00Z\",\"reason\":\"NO_CAPACITY\",\"notes\":\"Team fully booked\"}");
        assertThat(render(session, "")).contains("<dt>Reason declined</dt>", "No capacity", "Team fully booked");
        assertThat(render(session, "?lang=it")).contains("Motivo del rifiuto", "Nessuna disponibilità");
    }

    @Test
    void microsoftCanBeAskedAgainAfterADeclineOrExpiryButNeverWhileARequestIsOpen() throws Exception {
        MockHttpSession session = signIn();
        for (String open : List.of("REQUESTED", "ENGAGED")) {
            engagement(open);
            assertThat(render(session, "")).as(open).doesNotContain("id=\"help-title\"");
        }
        for (String over : List.of("DECLINED", "EXPIRED")) {
            engagement(over);
            assertThat(render(session, "")).as(over).contains("id=\"help-title\"",
                    "Microsoft did not take up the last request. You can ask again.",
                    "<label for=\"help-helpType\">What you need Microsoft for</label>",
                    "<option value=\"EXECUTIVE_SPONSOR\">An executive sponsor</option>");
        }
        engagement("DECLINED");
        assertThat(render(session, "?lang=it")).contains("Per cosa ti serve l&#39;aiuto di Microsoft", "Uno sponsor esecutivo");
    }
}
