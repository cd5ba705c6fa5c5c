package org.cosell.portal;

import java.time.Instant;

import org.cosell.tracing.OtlpCollector;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * One application context for every portal test: the portal with its dev sign-in on, talking to a
 * {@link FakeCosellApi} over real HTTP, driven through MockMvc (and a real port where the servlet
 * container's own behaviour, the session cookie, is what is tested). Its spans go to an
 * {@link OtlpCollector}, within a tenth of a second.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "cosell.portal.dev-sign-in.enabled=true", "cosell.local-mode=false",
                "management.opentelemetry.tracing.export.schedule-delay=100ms" })
@AutoConfigureMockMvc
abstract class PortalTestBase {

    static final FakeCosellApi api = FakeCosellApi.start();

    static final OtlpCollector collector = OtlpCollector.start();

    static final String TOKEN = "header.payload.signature";

    static final String ID = "3f2b6c1e-8c1a-4d3e-9a57-0d4c2b1a9e10";

    @DynamicPropertySource
    static void apiUrl(DynamicPropertyRegistry registry) {
        registry.add("cosell.portal.api-url", api::uri);
        registry.add("OTEL_EXPORTER_OTLP_ENDPOINT", collector::address);
    }

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void resetTheApi() {
        api.reset();
        api.on("POST", "/dev/token", FakeCosellApi.Response.json("{\"token\":\"" + TOKEN + "\"}"));
        api.on("GET", "/api/opportunities/counts", FakeCosellApi.Response.json(countsJson(0, 0, 0, 0)));
    }

    /** A session signed in through the dev sign-in, as a referrals admin (and partner admin if asked). */
    MockHttpSession signIn(String... roles) throws Exception {
        MockHttpSession session = new MockHttpSession();
        var request = post("/sign-in").session(session).with(csrf())
                .param("partnerId", "4412345").param("name", "Ada Lovelace").param("email", "ada@fabrikam.example");
        for (String role : roles.length == 0 ? new String[] { "REFERRALS_ADMIN" } : roles) {
            request.param("roles", role);
        }
        MvcResult result = mvc.perform(request).andExpect(status().is3xxRedirection()).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    static String opportunityJson(String stage, String extra) {
        return """
                {"id":"%s","partnerId":"4412345","version":3,"createdAt":"2026-11-20T10:00:00Z",
                 "updatedAt":"2026-11-21T10:00:00Z","referralId":"ref-1",
                 "sender":{"kind":"MICROSOFT","name":"Megan Bowen","email":"megan@microsoft.example"},
                 %s
                 "origin":"INBOUND","type":"CO_SELL","stage":"%s","name":"Contoso AI pilot",
                 "estimatedValue":{"amount":"30000.00","currency":"USD"},"estimatedCloseDate":"2027-06-30",
                 "customer":{"name":"Contoso","address":{"city":"Milano","country":"IT"},
                             "contact":{"name":"Carla","phone":"+39 02 555 0100","email":"carla@contoso.example"},
                             "consentToShareContact":true},
                 "employees":[{"name":"Ada Lovelace","phone":"+1 425 555 0100","email":"ada@fabrikam.example"}],
                 "solutions":[{"id":"s-1","name":"Azure OpenAI","type":"MICROSOFT"}],
                 "microsoftEngagement":{"status":"NONE"},
                 "favorite":false%s}""".formatted(ID, stage.equals("RECEIVED")
                ? "\"respondBy\":\"" + Instant.now().plusSeconds(3 * 86400 + 3600) + "\"," : "", stage, extra);
    }

    /** An opportunity's history as {@code GET /api/opportunities/{id}/activity} answers it; each entry is JSON. */
    static String activityJson(String... entries) {
        return "{\"items\":[" + String.join(",", entries) + "]}";
    }

    /** Notes as {@code GET /api/opportunities/{id}/notes} answers them, newest first: {@code at, author name, text} each. */
    static String notesJson(String... atAuthorText) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < atAuthorText.length; i += 3) {
            items.append(items.isEmpty() ? "" : ",").append("""
                    {"id":"n-%d","at":"%s","author":{"sub":"u-%d","name":"%s"},"text":"%s"}"""
                    .formatted(i / 3, atAuthorText[i], i / 3, atAuthorText[i + 1], atAuthorText[i + 2]));
        }
        return "{\"items\":[" + items + "]}";
    }

    static String countsJson(long inbound, long outbound, long favorites, long archived) {
        return "{\"inbound\":%d,\"outbound\":%d,\"favorites\":%d,\"archived\":%d}"
                .formatted(inbound, outbound, favorites, archived);
    }

    static String pageJson(long total, String... items) {
        return "{\"items\":[" + String.join(",", items) + "],\"page\":0,\"size\":20,\"total\":" + total + "}";
    }
}
