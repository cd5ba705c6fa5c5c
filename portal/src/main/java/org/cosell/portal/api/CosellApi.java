package org.cosell.portal.api;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/**
 * The public REST API as the portal uses it, always through the gateway and always with the
 * signed-in user's token (from {@link ApiTokenSource}), except for the dev sign-in's token request.
 * An error answer becomes an {@link ApiException} carrying the problem+json body; no answer at all
 * (connection refused, timed out) an {@link ApiUnavailableException}.
 */
@Component
public class CosellApi {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    /** Above the gateway's own limit for a service (30 s) would keep a person waiting too long; the gateway answers 504 first. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(35);

    private static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

    private final RestClient client;

    /** Without the user's token: the dev token request must carry none (an expired one would be refused 401). */
    private final RestClient anonymousClient;

    private final JsonMapper json;

    public CosellApi(RestClient.Builder builder, PortalApiProperties properties, ApiTokenSource tokens, JsonMapper json) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
        requests.setReadTimeout(READ_TIMEOUT);
        this.json = json;
        RestClient.Builder gateway = builder
                .baseUrl(properties.apiUrl())
                .requestFactory(requests)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw new ApiException(response.getStatusCode().value(), problemOf(response));
                });
        this.anonymousClient = gateway.clone().build();
        this.client = gateway
                .requestInterceptor((request, body, execution) -> {
                    tokens.currentToken().ifPresent(token -> request.getHeaders().setBearerAuth(token));
                    return execution.execute(request, body);
                })
                .build();
    }

    /** A token from the gateway's dev issuer (local only); refused with 404 where the gateway issues none. */
    public String devToken(DevTokenRequest request) {
        return call(() -> anonymousClient.post().uri("/dev/token")
                .contentType(MediaType.APPLICATION_JSON)
                .body(request)
                .retrieve()
                .body(DevTokenResponse.class)).token();
    }

    public OpportunityPage opportunities(OpportunityQuery query) {
        return call(() -> client.get().uri(uri -> opportunitiesUri(uri, query)).retrieve().body(OpportunityPage.class));
    }

    public Opportunity opportunity(String id) {
        return call(() -> client.get().uri("/api/opportunities/{id}", id).retrieve().body(Opportunity.class));
    }

    public void markFavorite(String id, boolean favorite) {
        call(() -> client.method(favorite ? HttpMethod.PUT : HttpMethod.DELETE).uri("/api/opportunities/{id}/favorite", id)
                .retrieve().toBodilessEntity());
    }

    public void accept(String id, AcceptRequest request, String idempotencyKey) {
        post("/api/referrals/{id}/accept", id, request, idempotencyKey);
    }

    public void decline(String id, DeclineRequest request, String idempotencyKey) {
        post("/api/referrals/{id}/decline", id, request, idempotencyKey);
    }

    /** A JSON merge patch of the deal, refused with 412 when {@code version} is no longer the current one. */
    public void edit(String id, Map<String, Object> patch, long version) {
        call(() -> client.patch().uri("/api/deals/{id}", id)
                .contentType(MERGE_PATCH)
                .header(HttpHeaders.IF_MATCH, "\"" + version + "\"")
                .body(patch)
                .retrieve().toBodilessEntity());
    }

    public void askForHelp(String id, CosellRequest request) {
        post("/api/deals/{id}/cosell-request", id, request, null);
    }

    public void markWon(String id, WonRequest request, String idempotencyKey) {
        post("/api/deals/{id}/won", id, request, idempotencyKey);
    }

    public void markLost(String id, LostRequest request, String idempotencyKey) {
        post("/api/deals/{id}/lost", id, request, idempotencyKey);
    }

    private void post(String path, String id, Object body, String idempotencyKey) {
        call(() -> client.post().uri(path, id)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (idempotencyKey != null) {
                        headers.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .body(body)
                .retrieve().toBodilessEntity());
    }

    private static java.net.URI opportunitiesUri(UriBuilder uri, OpportunityQuery query) {
        uri.path("/api/opportunities")
                .queryParam("tab", query.tab())
                .queryParam("page", query.page())
                .queryParam("size", query.size());
        if (query.q() != null) {
            uri.queryParam("q", "{q}");
        }
        if (query.stage() != null) {
            uri.queryParam("stage", query.stage());
        }
        if (query.sort() != null) {
            uri.queryParam("sort", query.sort());
        }
        return query.q() == null ? uri.build() : uri.build(Map.of("q", query.q()));
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        }
        catch (ResourceAccessException e) {
            throw new ApiUnavailableException(e);
        }
    }

    private ApiProblem problemOf(ClientHttpResponse response) throws IOException {
        try (InputStream body = response.getBody()) {
            byte[] bytes = body.readAllBytes();
            if (bytes.length > 0) {
                return json.readValue(bytes, ApiProblem.class);
            }
        }
        catch (JacksonException e) {
            // not problem+json (a proxy's HTML page, say): the status alone has to do
        }
        return new ApiProblem(null, response.getStatusCode().value(), null, List.of());
    }

    public record DevTokenRequest(String sub, String partnerId, List<String> roles, String email, String name) {
    }

    record DevTokenResponse(String token) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Money(BigDecimal amount, String currency) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String name, String phone, String email) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AcceptRequest(String name, Money estimatedValue, LocalDate estimatedCloseDate, String notes,
                                String crmId, String campaignId, List<Contact> employees) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeclineRequest(String reason, String notes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CosellRequest(String notes, Contact customerContact, boolean consentToShareContact) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Registration(Money finalValue, LocalDate contractSignedDate, String customerTenantId, String notes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WonRequest(Registration registration) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LostRequest(String reason, String notes) {
    }
}
