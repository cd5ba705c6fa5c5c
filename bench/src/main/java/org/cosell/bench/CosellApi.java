package org.cosell.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.cosell.stack.CosellService;
import org.cosell.stack.DevIssuer;

/**
 * The REST calls the benchmarks make: a dev token from the gateway, and the requests for
 * opportunities, deals and referral answers, sent through the gateway (8080) or straight to
 * deal-service (8081).
 */
final class CosellApi {

    static final URI GATEWAY = URI.create(CosellService.GATEWAY.baseUrl());
    static final URI DEAL_SERVICE = URI.create(CosellService.DEAL_SERVICE.baseUrl());
    static final URI REFERRAL_SERVICE = URI.create(CosellService.REFERRAL_SERVICE.baseUrl());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String token;

    private CosellApi(String token) {
        this.token = token;
    }

    /** Asks the gateway for a dev token of a partner admin. */
    static CosellApi forPartner(String partnerId) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String body = JSON.writeValueAsString(JSON.createObjectNode()
                .put("sub", "bench")
                .put("partnerId", partnerId)
                .put("email", "bench@fabrikam.example")
                .put("name", "Bench")
                .set("roles", JSON.createArrayNode().add("MPN_PARTNER_ADMIN")));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(GATEWAY.resolve(DevIssuer.TOKEN_PATH))
                .header("Content-Type", "application/json")
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /dev/token answered " + response.statusCode() + ": " + response.body());
        }
        return new CosellApi(JSON.readTree(response.body()).get("token").asString());
    }

    HttpClient client() {
        return client;
    }

    HttpRequest getOpportunity(URI base, UUID id) {
        return authorized(base.resolve("/api/opportunities/" + id)).GET().build();
    }

    /** The CSV export of the opportunity list; {@code query} names the tab and filters. */
    HttpRequest export(URI base, String query) {
        return authorized(base.resolve("/api/opportunities/export?" + query)).header("Accept", "text/csv").GET().build();
    }

    HttpRequest createDeal(URI base, String name) {
        return post(base.resolve("/api/deals"), dealBody(name));
    }

    HttpRequest accept(URI base, UUID referral) {
        return post(base.resolve("/api/referrals/" + referral + "/accept"), """
                {"name":"Bench accepted deal","estimatedValue":{"amount":"30000.00","currency":"USD"},
                 "estimatedCloseDate":"%s",
                 "employees":[{"name":"Bea Bench","phone":"+1 425 555 0100","email":"bea@fabrikam.example"}]}"""
                .formatted(closeDate()));
    }

    HttpRequest decline(URI base, UUID referral) {
        return post(base.resolve("/api/referrals/" + referral + "/decline"), "{\"reason\":\"NOT_A_FIT\"}");
    }

    HttpRequest won(UUID deal) {
        return post(GATEWAY.resolve("/api/deals/" + deal + "/won"), "{}");
    }

    /** Creates a deal and answers its id. */
    UUID createDealNow(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(createDeal(GATEWAY, name), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /api/deals answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode deal = JSON.readTree(response.body());
        return UUID.fromString(deal.get("id").asString());
    }

    private HttpRequest post(URI uri, String body) {
        return authorized(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + token);
    }

    private static String closeDate() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(90).toString();
    }

    /** A deal with a solution that needs no registration, so {@code won} takes an empty body. */
    private static String dealBody(String name) {
        return """
                {"name":"%s","estimatedValue":{"amount":"25000.00","currency":"USD"},"estimatedCloseDate":"%s",
                 "customer":{"name":"Contoso Ltd","dunsNumber":"123456789",
                   "address":{"street":"1 Main Street","city":"Seattle","region":"WA","postalCode":"98101","country":"US"},
                   "contact":{"name":"Ada Buyer","phone":"+1 206 555 0100","email":"ada.buyer@contoso.example"},
                   "consentToShareContact":true},
                 "employees":[{"name":"Bea Bench","phone":"+1 425 555 0100","email":"bea@fabrikam.example"}],
                 "solutions":[{"id":"sol-microsoft-teams","name":"Microsoft Teams","type":"MICROSOFT"}]}"""
                .formatted(name, closeDate());
    }
}
