package org.cosell.faults;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Request bodies above the gateway's limit (256 KB by default), declared with {@code Content-Length}
 * and sent chunked without one, each followed by an ordinary deal creation on the same client:
 * every oversized body 413 problem+json and never stored, every following request served (201) and
 * stored exactly once.
 */
final class BodyLimitCase implements FaultCase {

    private static final String PARTNER = "7100031";
    private static final int ROUNDS = Integer.getInteger("faults.bodylimit.rounds", 20);
    private static final int OVERSIZED_BYTES = 300 * 1024;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    @Override
    public String name() {
        return "body-limit";
    }

    @Override
    public String kind() {
        return "security";
    }

    @Override
    public String description() {
        return "300 KB bodies (Content-Length and chunked) at the gateway: 413 problem+json, nothing stored; the next request works";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Api api = stack.api();
        String token = api.token("body-limit-admin", PARTNER, "MPN_PARTNER_ADMIN");
        String oversized = api.write(Bodies.createDeal("Oversized " + "x".repeat(OVERSIZED_BYTES), "Oversized Customer",
                "big@partner-limit.example"));
        long sent = 0;
        long refused = 0;
        long created = 0;
        long failedFollowUps = 0;
        for (int round = 0; round < ROUNDS; round++) {
            boolean chunked = round % 2 == 1;
            sent++;
            Response answer = chunked ? sendChunked(token, oversized)
                    : fromApi(api.sendTyped("POST", Api.GATEWAY + "/api/deals", token, oversized, "application/json",
                            "Idempotency-Key", UUID.randomUUID().toString()));
            if (answer.status() == 413 && answer.problem()) {
                refused++;
            } else {
                report.finding("a %s oversized body answered %d (%s)", chunked ? "chunked" : "declared", answer.status(),
                        answer.contentType());
            }
            sent++;
            Api.Response next = api.sendTyped("POST", Api.GATEWAY + "/api/deals", token,
                    api.write(Bodies.createDeal("Body limit follow-up " + round, "Limit Customer", "next@partner-limit.example")),
                    "application/json", "Idempotency-Key", UUID.randomUUID().toString());
            if (next.status() == 201) {
                created++;
            } else {
                failedFollowUps++;
                report.finding("the request after an oversized body answered %s", next.shortly());
            }
        }
        long expected = created;
        Await.until(Duration.ofSeconds(30), () -> "waiting for deal-service to store " + expected + " deals",
                () -> stack.db().countOpportunities(PARTNER) >= expected);
        long stored = stack.db().countOpportunities(PARTNER);
        report.note("%d oversized bodies: %d refused 413; %d follow-up creations answered 201, %d deals stored",
                ROUNDS, refused, created, stored);
        return report.sent(sent).arrived(created).refused(refused)
                .lost(Math.max(0, created - stored) + failedFollowUps)
                .duplicated(Math.max(0, stored - created))
                .result();
    }

    private record Response(int status, String contentType) {

        boolean problem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    private static Response fromApi(Api.Response response) {
        return new Response(response.status(), response.contentType());
    }

    /** No Content-Length: the gateway can only count the body as it streams. */
    private Response sendChunked(String token, String body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Api.GATEWAY + "/api/deals"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException noAnswer) {
            return new Response(0, noAnswer.toString());
        }
    }
}
