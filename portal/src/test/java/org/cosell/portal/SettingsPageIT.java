package org.cosell.portal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class SettingsPageIT extends PortalTestBase {

    @LocalServerPort
    int port;

    private static final String MAIL = """
            {"id":"m-%d","kind":"REFERRAL_RECEIVED","recipient":"ada@fabrikam.example","subject":"New referral: Contoso",
             "status":"%s","attempts":1,"createdAt":"2026-11-20T10:00:00Z","sentAt":null,"reason":%s}""";

    private MockHttpSession partnerAdmin() throws Exception {
        return signIn("MPN_PARTNER_ADMIN");
    }

    private void settings() {
        api.on("GET", "/api/notification-settings",
                FakeCosellApi.Response.json(
                        "{\"referralRecipients\":[\"ada@fabrikam.example\",\"sales@fabrikam.example\"],\"language\":\"it\"}"));
        api.on("GET", "/api/notifications", request -> FakeCosellApi.Response.json(
                "{\"items\":[" + MAIL.formatted(1, "SENT", "null") + "," + MAIL.formatted(2, "SKIPPED", "\"no recipients\"")
                        + "],\"page\":" + request.queryParam("page") + ",\"size\":20,\"total\":45}"));
        api.on("GET", "/api/solutions", FakeCosellApi.Response.json("""
                {"items":[{"id":"p-7","name":"Fabrikam Copilot kit","type":"PARTNER","registrationEligible":true,"own":true}]}"""));
    }

    @Test
    void showsTheRecipientsTheEmailLogAndTheOwnSolutions() throws Exception {
        settings();

        mvc.perform(get("/settings?page=1").session(partnerAdmin()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString(">ada@fabrikam.example\nsales@fabrikam.example</textarea>"),
                        containsString("<label for=\"recipients-addresses\">E-mail addresses, one a line</label>"),
                        containsString("Referral received"), containsString("New referral: Contoso"),
                        containsString("Not sent"), containsString("no recipients"),
                        containsString("Page 2 of 3"), containsString("href=\"/settings?page=0\""),
                        containsString("href=\"/settings?page=2\""),
                        containsString("Fabrikam Copilot kit"), containsString("(registration eligible)"),
                        containsString("<label for=\"recipients-language\">Language of the e-mails to your team</label>"),
                        containsString("<option value=\"en\" lang=\"en\">English</option>"),
                        containsString("<option value=\"it\" lang=\"it\" selected=\"selected\">Italiano</option>"))));

        FakeCosellApi.Request log = api.last("GET", "/api/notifications");
        assertThat(log.queryParam("page")).isEqualTo("1");
        assertThat(log.queryParam("size")).isEqualTo("20");
        assertThat(api.last("GET", "/api/solutions").queryParam("type")).isEqualTo("PARTNER");
    }

    @Test
    void savesTheRecipientsOneALine() throws Exception {
        settings();
        api.on("PUT", "/api/notification-settings", request -> FakeCosellApi.Response.json(request.body()));

        mvc.perform(post("/settings/recipients").session(partnerAdmin()).with(csrf())
                        .param("addresses", "ada@fabrikam.example\r\n\r\n  bob@fabrikam.example, carol@fabrikam.example ")
                        .param("language", "it"))
                .andExpect(redirectedUrl("/settings"))
                .andExpect(flash().attribute("flash", "settings.recipients.saved"));

        assertThat(api.last("PUT", "/api/notification-settings").body()).isEqualTo(
                "{\"referralRecipients\":[\"ada@fabrikam.example\",\"bob@fabrikam.example\",\"carol@fabrikam.example\"],"
                        + "\"language\":\"it\"}");
    }

    @Test
    void aFormWithoutALanguageKeepsTheSavedOne() throws Exception {
        settings();
        api.on("PUT", "/api/notification-settings", request -> FakeCosellApi.Response.json(request.body()));

        mvc.perform(post("/settings/recipients").session(partnerAdmin()).with(csrf()).param("addresses", "ada@fabrikam.example"))
                .andExpect(redirectedUrl("/settings"));

        assertThat(api.last("PUT", "/api/notification-settings").body())
                .isEqualTo("{\"referralRecipients\":[\"ada@fabrikam.example\"]}");
    }

    @Test
    void aLanguageTheApiRefusesIsNamedNextToTheSelect() throws Exception {
        settings();
        api.on("PUT", "/api/notification-settings", FakeCosellApi.Response.problem(400, "Invalid fields",
                "[{\"field\":\"language\",\"message\":\"must be one of: en, it\"}]"));

        mvc.perform(post("/settings/recipients").session(partnerAdmin()).with(csrf())
                        .param("addresses", "ada@fabrikam.example").param("language", "fr"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("Some fields need your attention."),
                        containsString("aria-describedby=\"recipients-language-hint recipients-language-error\""),
                        containsString("<p id=\"recipients-language-error\" class=\"error\">must be one of: en, it</p>"),
                        containsString(">ada@fabrikam.example</textarea>"))));
    }

    @Test
    void anAddressTheApiRefusesIsNamedNextToTheField() throws Exception {
        settings();
        api.on("PUT", "/api/notification-settings", FakeCosellApi.Response.problem(400, "Invalid fields",
                "[{\"field\":\"referralRecipients[1]\",\"message\":\"must be a plain e-mail address\"}]"));

        mvc.perform(post("/settings/recipients").session(partnerAdmin()).with(csrf())
                        .param("addresses", "ada@fabrikam.example\nBob <bob@fabrikam.example>"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("Some fields need your attention."),
                        containsString("aria-describedby=\"recipients-addresses-hint recipients-addresses-error\""),
                        containsString("<div id=\"recipients-addresses-error\" class=\"error\">"),
                        containsString("Bob &lt;bob@fabrikam.example&gt;: must be a plain e-mail address"),
                        containsString(">ada@fabrikam.example\nBob &lt;bob@fabrikam.example&gt;</textarea>"))));
    }

    @Test
    void addsASolutionToTheCatalog() throws Exception {
        settings();
        api.on("POST", "/api/solutions", FakeCosellApi.Response.json(201, """
                {"id":"p-8","name":"Fabrikam Lens","type":"PARTNER","registrationEligible":true,"own":true}"""));

        mvc.perform(post("/settings/solutions").session(partnerAdmin()).with(csrf())
                        .param("name", " Fabrikam Lens ").param("registrationEligible", "true").param("_registrationEligible", "on"))
                .andExpect(redirectedUrl("/settings"))
                .andExpect(flash().attribute("flash", "settings.solution.added"));

        assertThat(api.last("POST", "/api/solutions").body())
                .isEqualTo("{\"name\":\"Fabrikam Lens\",\"type\":\"PARTNER\",\"registrationEligible\":true}");
    }

    @Test
    void aSolutionNameTheApiRefusesIsShownNextToTheName() throws Exception {
        settings();
        api.on("POST", "/api/solutions", FakeCosellApi.Response.problem(400, "Invalid fields",
                "[{\"field\":\"name\",\"message\":\"size must be between 0 and 200\"}]"));
        MockHttpSession session = partnerAdmin();

        mvc.perform(post("/settings/solutions").session(session).with(csrf()).param("name", "Lens"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(
                        containsString("id=\"solution-name-error\" class=\"error\">Too long: at most 200.</p>"),
                        containsString("name=\"name\" value=\"Lens\""))));

        api.on("POST", "/api/solutions", FakeCosellApi.Response.problem(409, "Already listed"));
        mvc.perform(post("/settings/solutions").session(session).with(csrf()).param("name", "Fabrikam Copilot kit"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString(
                        "id=\"solution-name-error\" class=\"error\">You already list a solution with this name.</p>")));

        mvc.perform(post("/settings/solutions").session(session).with(csrf()).param("name", " "))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"solution-name-error\" class=\"error\">This is required.</p>")));
    }

    @Test
    void aReferralsAdminIsRefusedAndSeesNoLink() throws Exception {
        settings();
        MockHttpSession referralsAdmin = signIn("REFERRALS_ADMIN");

        mvc.perform(get("/settings").session(referralsAdmin)).andExpect(status().isForbidden());
        mvc.perform(post("/settings/recipients").session(referralsAdmin).with(csrf()).param("addresses", "x@y.example"))
                .andExpect(status().isForbidden());
        assertThat(api.received("PUT", "/api/notification-settings")).isEmpty();

        mvc.perform(get("/insights").session(partnerAdmin()))
                .andExpect(content().string(containsString("href=\"/settings\"")));
    }

    /** Through the servlet container, whose error page MockMvc does not render. */
    @Test
    void aReferralsAdminGetsTheForbiddenPageOnTheAddress() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://localhost:" + port;
        HttpResponse<String> signInPage = http.send(HttpRequest.newBuilder(URI.create(base + "/sign-in")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrfToken = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(signInPage.body());
        assertThat(csrfToken.find()).isTrue();
        String form = "_csrf=" + csrfToken.group(1) + "&partnerId=4412345&name=Ada&email=ada%40fabrikam.example"
                + "&roles=REFERRALS_ADMIN";
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/sign-in"))
                .header("Cookie", sessionCookie(signInPage))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);

        HttpResponse<String> settingsPage = http.send(HttpRequest.newBuilder(URI.create(base + "/settings"))
                .header("Cookie", sessionCookie(signedIn)).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(settingsPage.statusCode()).isEqualTo(403);
        assertThat(settingsPage.body()).contains("Not allowed", "Your roles do not allow this.", "Ada · 4412345")
                .doesNotContain("href=\"/settings\"");
    }

    /** The session cookie is Secure outside local mode, which a client over http would not send back on its own. */
    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("COSELL_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    @Test
    void theApisForbiddenAnswerSaysSo() throws Exception {
        settings();
        api.on("PUT", "/api/notification-settings", FakeCosellApi.Response.problem(403, "Needs MPN_PARTNER_ADMIN"));

        mvc.perform(post("/settings/recipients").session(partnerAdmin()).with(csrf()).param("addresses", "x@fabrikam.example"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("Your roles do not allow this.")));
    }

    @Test
    void anUnknownSettingsPageIsNotFound() throws Exception {
        mvc.perform(get("/settings/nothing").session(partnerAdmin())).andExpect(status().isNotFound());
    }

    @Test
    void anExpiredSessionSignsInAgain() throws Exception {
        api.on("GET", "/api/notification-settings", FakeCosellApi.Response.problem(401, "Token expired"));
        MockHttpSession session = partnerAdmin();

        var expired = mvc.perform(get("/settings?page=2").session(session)).andExpect(redirectedUrl("/sign-in?expired"))
                .andReturn();
        assertThat(session.isInvalid()).isTrue();
        MockHttpSession next = (MockHttpSession) expired.getRequest().getSession(false);

        mvc.perform(post("/sign-in").session(next).with(csrf()).param("partnerId", "4412345").param("name", "Ada")
                        .param("email", "ada@fabrikam.example").param("roles", "MPN_PARTNER_ADMIN"))
                .andExpect(redirectedUrl("/settings?page=2"));
    }

    @Test
    void aServiceThatIsDownGivesABanner() throws Exception {
        settings();
        api.on("GET", "/api/notifications", FakeCosellApi.Response.hangUp());

        mvc.perform(get("/settings").session(partnerAdmin()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(containsString("try again in a minute.")));
    }

    @Test
    void speaksItalian() throws Exception {
        settings();

        mvc.perform(get("/settings?lang=it").session(partnerAdmin()))
                .andExpect(content().string(allOf(containsString("Chi riceve le e-mail delle segnalazioni"),
                        containsString("Segnalazione ricevuta"), containsString("Pagina 1 di 3"),
                        containsString("Lingua delle e-mail al tuo team"), containsString(">Salva</button>"))));
    }
}
