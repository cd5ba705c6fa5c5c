package org.cosell.portal;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A page and the API calls it makes are one trace: each call carries the page request's trace in
 * {@code traceparent} (the gateway's, when the browser came through it), and the recorded spans go to
 * the collector {@code OTEL_EXPORTER_OTLP_ENDPOINT} names.
 */
class PageTracingIT extends PortalTestBase {

    private static final String INSIGHTS = """
            {"referralsReceived":0,"referralsAccepted":0,"referralsDeclined":0,"referralsExpired":0,
             "medianResponseTime":null,"dealsWon":0,"dealsLost":0,"winRate":null,"openPipeline":[]}""";

    /** Whether the gateway's trace records spans ({@code 01}) or not ({@code 00}), the API call continues it. */
    @ParameterizedTest
    @ValueSource(strings = { "01", "00" })
    void theApiCallsOfAPageContinueItsTrace(String sampled) throws Exception {
        String traceId = "1f6c2e8a4b0d4e6f8a1c3e5b7d9f0a2" + sampled.charAt(1);
        api.on("GET", "/api/insights", FakeCosellApi.Response.json(INSIGHTS));

        mvc.perform(get("/insights").session(signIn()).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-" + sampled))
                .andExpect(status().isOk());

        assertThat(api.last("GET", "/api/insights").header("traceparent"))
                .matches("00-" + traceId + "-[0-9a-f]{16}-" + sampled)
                .doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void startsATraceForAPageRequestThatCarriesNone() throws Exception {
        api.on("GET", "/api/insights", FakeCosellApi.Response.json(INSIGHTS));

        mvc.perform(get("/insights").session(signIn())).andExpect(status().isOk());

        assertThat(api.last("GET", "/api/insights").header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void exportsTheSpansOfASampledPageToTheCollector() throws Exception {
        String traceId = "3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b";
        api.on("GET", "/api/insights", FakeCosellApi.Response.json(INSIGHTS));

        mvc.perform(get("/insights").session(signIn()).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"))
                .andExpect(status().isOk());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(collector.exports())
                .anySatisfy(export -> {
                    assertThat(export.path()).isEqualTo("/v1/traces");
                    assertThat(export.containsTraceId(traceId)).isTrue();
                    assertThat(export.containsText("portal")).as("the service name").isTrue();
                }));
    }
}
