package org.cosell.portal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
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
    void theSessionCookieIsHttpOnlySameSiteLaxAndSecureOutsideLocalMode() throws Exception {
        HttpResponse<String> signIn = get(port, "/sign-in");

        assertThat(signIn.statusCode()).isEqualTo(200);
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("COSELL_SESSION=").contains("HttpOnly", "SameSite=Lax", "Secure", "Path=/");
        assertThat(signIn.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'", "frame-ancestors 'none'");
        assertThat(signIn.body()).contains("name=\"_csrf\"", "<meta name=\"csrf-token\" content=\"");
    }

    @Test
    void servesHealthAndMetricsOnlyOnTheManagementPort() throws Exception {
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get(managementPort, "/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(get(port, "/actuator/health").statusCode()).isNotEqualTo(200);
    }

    @Test
    void servesHtmxAndItsStylesFromTheJarWithoutASession() throws Exception {
        HttpResponse<String> htmx = get(port, "/assets/webjars/htmx.org/dist/htmx.min.js");
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
        assertThat(get(port, "/assets/portal.css").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
