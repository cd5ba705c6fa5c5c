package org.cosell.portal;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class PortalSecurityIT extends PortalTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void refusesAFormWithoutTheCsrfToken() throws Exception {
        MockHttpSession session = signIn();

        mvc.perform(post("/opportunities/" + ID + "/favorite").session(session).param("favorite", "true"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/opportunities/" + ID + "/favorite").session(session).param("favorite", "true")
                        .with(csrf().useInvalidToken()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/sign-in").param("partnerId", "4412345").param("name", "Ada")
                        .param("email", "ada@fabrikam.example").param("roles", "REFERRALS_ADMIN"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/sign-out").session(session)).andExpect(status().isForbidden());

        assertThat(api.received("PUT", "/api/opportunities/" + ID + "/favorite")).isEmpty();
        assertThat(session.isInvalid()).isFalse();
    }

    @Test
    void aFormFromASessionThatExpiredGoesToSignInAndBackToItsPage() throws Exception {
        MockHttpSession next = (MockHttpSession) mvc.perform(post("/opportunities/" + ID + "/favorite")
                        .with(request -> {
                            request.setRequestedSessionId("expired-meanwhile");
                            request.setRequestedSessionIdValid(false);
                            return request;
                        })
                        .header("Referer", "http://localhost:8080/opportunities?tab=archived")
                        .param("_csrf", "a-token-of-the-old-session").param("favorite", "true"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/sign-in?expired"))
                .andReturn().getRequest().getSession(false);

        mvc.perform(post("/sign-in").session(next).with(csrf()).param("partnerId", "4412345").param("name", "Ada")
                        .param("email", "ada@fabrikam.example").param("roles", "REFERRALS_ADMIN"))
                .andExpect(redirectedUrl("/opportunities?tab=archived"));
    }

    @Test
    void settingsAreForPartnerAdminsOnly() throws Exception {
        mvc.perform(get("/settings").session(signIn("REFERRALS_ADMIN"))).andExpect(status().isForbidden());
        mvc.perform(get("/settings").session(signIn("MPN_PARTNER_ADMIN"))).andExpect(status().isNotFound());
    }

    @Test
    void signingInGivesANewSessionIdAndCsrfToken() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/sign-in").session(session));
        String idBefore = session.getId();
        Object tokenBefore = session.getAttribute(HttpSessionCsrfTokenRepository.class.getName() + ".CSRF_TOKEN");

        mvc.perform(post("/sign-in").session(session).with(csrf()).param("partnerId", "4412345").param("name", "Ada")
                .param("email", "ada@fabrikam.example").param("roles", "REFERRALS_ADMIN"));

        assertThat(session.getId()).isNotEqualTo(idBefore);
        assertThat(tokenBefore).isNotNull();
        assertThat(session.getAttribute(HttpSessionCsrfTokenRepository.class.getName() + ".CSRF_TOKEN")).isNull();
    }

    @Test
    void theSessionCookieIsHttpOnlySameSiteLaxAndSecureOutsideLocalMode() throws Exception {
        HttpResponse<String> signIn = fetch(port, "/sign-in");

        assertThat(signIn.statusCode()).isEqualTo(200);
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("COSELL_SESSION=").contains("HttpOnly", "SameSite=Lax", "Secure", "Path=/");
        assertThat(signIn.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'", "frame-ancestors 'none'");
        assertThat(signIn.body()).contains("name=\"_csrf\"", "<meta name=\"csrf-token\" content=\"");
    }

    @Test
    void servesHealthAndMetricsOnlyOnTheManagementPort() throws Exception {
        assertThat(fetch(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(fetch(managementPort, "/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(fetch(port, "/actuator/health").statusCode()).isNotEqualTo(200);
    }

    @Test
    void servesHtmxAndItsStylesFromTheJarWithoutASession() throws Exception {
        HttpResponse<String> htmx = fetch(port, "/assets/webjars/htmx.org/dist/htmx.min.js");
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
        assertThat(fetch(port, "/assets/portal.css").statusCode()).isEqualTo(200);
    }

    @Test
    void gzipsPagesStylesAndScriptsForABrowserThatAcceptsIt() throws Exception {
        for (String path : List.of("/sign-in", "/assets/portal.css", "/assets/webjars/htmx.org/dist/htmx.min.js")) {
            HttpResponse<byte[]> gzipped = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(gzipped.statusCode()).as(path).isEqualTo(200);
            assertThat(gzipped.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            try (GZIPInputStream body = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
                assertThat(body.readAllBytes().length).as(path).isGreaterThan(gzipped.body().length);
            }
        }
        assertThat(fetch(port, "/assets/portal.css").headers().firstValue("Content-Encoding")).isEmpty();
    }

    private HttpResponse<String> fetch(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
