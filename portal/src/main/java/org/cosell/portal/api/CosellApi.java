package org.cosell.portal.api;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.task.AsyncTaskExecutor;
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

    private static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

    private final RestClient client;

    /** Without the user's token: the dev token request must carry none (an expired one would be refused 401). */
    private final RestClient anonymousClient;

    private final JsonMapper json;

    private final ApiTokenSource tokens;

    /** Runs the second of two {@link #together} calls; the first runs on the page's own thread. */
    private final AsyncTaskExecutor executor;

    /**
     * The token a call made on the executor's thread for a page uses: the token source reads the
     * page's session through its thread, which the executor's thread is not.
     */
    private static final ThreadLocal<String> PAGE_TOKEN = new ThreadLocal<>();

    public CosellApi(RestClient.Builder builder, PortalApiProperties properties, ApiTokenSource tokens, JsonMapper json,
                     AsyncTaskExecutor executor) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
        requests.setReadTimeout(READ_TIMEOUT);
        this.json = json;
        this.tokens = tokens;
        this.executor = executor;
        RestClient.Builder gateway = builder
                .baseUrl(properties.apiUrl())
                .requestFactory(requests)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw new ApiException(response.getStatusCode().value(), problemOf(response));
                });
        this.anonymousClient = gateway.clone().build();
        this.client = gateway
                .requestInterceptor((request, body, execution) -> {
                    Optional.ofNullable(PAGE_TOKEN.get()).or(tokens::currentToken)
                            .ifPresent(token -> request.getHeaders().setBearerAuth(token));
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
        return call(() -> client.get().uri(uri -> opportunitiesUri(uri.path("/api/opportunities"), query, true))
                .retrieve().body(OpportunityPage.class));
    }

    /** Every tab's size in one call, however many opportunities the partner has. */
    public TabCounts tabCounts() {
        return call(() -> client.get().uri("/api/opportunities/counts").retrieve().body(TabCounts.class));
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

    /** Customers whose name starts with {@code q}, in {@code country} (and {@code city}, when given). */
    public List<CustomerSuggestion> customers(String q, String country, String city, int size) {
        return call(() -> client.get().uri(uri -> {
                    uri.path("/api/customers").queryParam("q", "{q}").queryParam("country", "{country}")
                            .queryParam("size", size);
                    if (city != null) {
                        uri.queryParam("city", "{city}");
                    }
                    Map<String, Object> values = new HashMap<>();
                    values.put("q", q);
                    values.put("country", country);
                    values.put("city", city);
                    return uri.build(values);
                })
                .retrieve().body(new ParameterizedTypeReference<Items<CustomerSuggestion>>() { })).items();
    }

    /** The partner's people on its most recently changed deals, newest first. */
    public List<Contact> recentContacts(int size) {
        return call(() -> client.get().uri("/api/contacts/recent?size={size}", size)
                .retrieve().body(new ParameterizedTypeReference<Items<Contact>>() { })).items();
    }

    /** The catalog as the partner sees it: names containing {@code q}, of {@code type} when given. */
    public List<CatalogSolution> solutions(String q, String type) {
        return call(() -> client.get().uri(uri -> {
                    uri.path("/api/solutions");
                    Map<String, Object> values = new HashMap<>();
                    if (q != null) {
                        uri.queryParam("q", "{q}");
                        values.put("q", q);
                    }
                    if (type != null) {
                        uri.queryParam("type", "{type}");
                        values.put("type", type);
                    }
                    return uri.build(values);
                })
                .retrieve().body(new ParameterizedTypeReference<Items<CatalogSolution>>() { })).items();
    }

    public CatalogSolution solution(String id) {
        return call(() -> client.get().uri("/api/solutions/{id}", id).retrieve().body(CatalogSolution.class));
    }

    /** Adds one of the partner's own solutions (partner admins only); 409 when the name is already listed. */
    public CatalogSolution addSolution(NewSolution solution) {
        return call(() -> client.post().uri("/api/solutions").contentType(MediaType.APPLICATION_JSON).body(solution)
                .retrieve().body(CatalogSolution.class));
    }

    /**
     * Creates an outbound deal. The same {@code idempotencyKey} again (within a day) answers the deal
     * the first call made, so a form sent twice creates one deal.
     */
    public Opportunity createDeal(NewDeal deal, String idempotencyKey) {
        return call(() -> client.post().uri("/api/deals")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey)
                .body(deal)
                .retrieve().body(Opportunity.class));
    }

    /** Open opportunities of the partner probably for the same customer (and deal name, when given). */
    public List<PossibleDuplicate> duplicates(String customerName, String country, String dunsNumber, String name) {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("customerName", customerName);
        given.put("country", country);
        given.put("dunsNumber", dunsNumber);
        given.put("name", name);
        given.values().removeIf(value -> value == null || value.isBlank());
        return call(() -> client.get().uri(uri -> {
                    uri.path("/api/deals/duplicates");
                    given.keySet().forEach(parameter -> uri.queryParam(parameter, "{" + parameter + "}"));
                    return uri.build(given);
                })
                .retrieve().body(new ParameterizedTypeReference<Items<PossibleDuplicate>>() { })).items();
    }

    /** What happened to an opportunity, oldest first. */
    public ActivityHistory activity(String id) {
        return call(() -> client.get().uri("/api/opportunities/{id}/activity", id)
                .retrieve().body(ActivityHistory.class));
    }

    /** The partner's notes on an opportunity, newest first. */
    public List<Note> notes(String id) {
        return call(() -> client.get().uri("/api/opportunities/{id}/notes", id)
                .retrieve().body(new ParameterizedTypeReference<Items<Note>>() { })).items();
    }

    /** Adds a note (1 to 2,000 characters); 409 once the opportunity is won, lost, declined or expired. */
    public Note addNote(String id, String text) {
        return call(() -> client.post().uri("/api/opportunities/{id}/notes", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", text))
                .retrieve().body(Note.class));
    }

    /**
     * The list as CSV ({@code GET /api/opportunities/export}), handed to {@code body} as it arrives,
     * never held whole: the export of a large partner can be far bigger than a page. An error answer
     * throws before {@code body} is called, so the caller has sent nothing yet.
     */
    public void exportOpportunities(OpportunityQuery query, CsvBody body) {
        call(() -> client.get().uri(uri -> opportunitiesUri(uri.path("/api/opportunities/export"), query, false))
                .accept(TEXT_CSV)
                .exchange((request, response) -> {
                    if (response.getStatusCode().isError()) {
                        throw new ApiException(response.getStatusCode().value(), problemOf(response));
                    }
                    try (InputStream csv = response.getBody()) {
                        body.write(csv);
                    }
                    return null;
                }));
    }

    /** Imports deals from a CSV file (at most 1,000 rows and 1 MB): what became of each row. */
    public ImportResult importDeals(byte[] csv) {
        return call(() -> client.post().uri("/api/deals/import")
                .contentType(TEXT_CSV)
                .body(csv)
                .retrieve().body(ImportResult.class));
    }

    public Insights insights() {
        return call(() -> client.get().uri("/api/insights").retrieve().body(Insights.class));
    }

    public NotificationSettings notificationSettings() {
        return call(() -> client.get().uri("/api/notification-settings").retrieve().body(NotificationSettings.class));
    }

    /** Saves who receives the referral e-mails and, unless {@code null} (the saved one stays), the mails' language. */
    public NotificationSettings saveNotificationSettings(List<String> recipients, String language) {
        return call(() -> client.put().uri("/api/notification-settings").contentType(MediaType.APPLICATION_JSON)
                .body(new NotificationSettings(recipients, language))
                .retrieve().body(NotificationSettings.class));
    }

    public NotificationPage notifications(int page, int size) {
        return call(() -> client.get().uri("/api/notifications?page={page}&size={size}", page, size)
                .retrieve().body(NotificationPage.class));
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

    private static java.net.URI opportunitiesUri(UriBuilder uri, OpportunityQuery query, boolean paged) {
        uri.queryParam("tab", query.tab());
        if (paged) {
            uri.queryParam("page", query.page()).queryParam("size", query.size());
        }
        // typed values as URI variables, so that '&', '+' or '#' in them are encoded too
        Map<String, Object> values = new HashMap<>();
        if (query.q() != null) {
            uri.queryParam("q", "{q}");
            values.put("q", query.q());
        }
        if (query.stage() != null) {
            uri.queryParam("stage", query.stage());
        }
        if (query.sort() != null) {
            uri.queryParam("sort", query.sort());
        }
        query.filters().parameters().forEach((name, value) -> {
            uri.queryParam(name, "{" + name + "}");
            values.put(name, value);
        });
        return uri.build(values);
    }


    /**
     * Two independent reads at once, so that a page waits for the slower of them rather than for
     * both in turn; each as it would be made alone, with the signed-in user's token read once here.
     * What either throws is thrown as it is.
     */
    public <A, B> Both<A, B> together(Supplier<A> first, Supplier<B> second) {
        String token = tokens.currentToken().orElse(null);
        Future<B> secondAnswer = executor.submit(() -> {
            PAGE_TOKEN.set(token);
            try {
                return second.get();
            }
            finally {
                PAGE_TOKEN.remove();
            }
        });
        A firstAnswer;
        try {
            firstAnswer = first.get();
        }
        catch (RuntimeException e) {
            secondAnswer.cancel(true);
            throw e;
        }
        try {
            return new Both<>(firstAnswer, secondAnswer.get());
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiUnavailableException(e);
        }
    }

    /** The answers of {@link #together}. */
    public record Both<A, B>(A first, B second) {
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

    /** Where an export's CSV goes as it arrives. */
    @FunctionalInterface
    public interface CsvBody {

        void write(InputStream csv) throws IOException;
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
    public record CosellRequest(String helpType, String notes, Contact customerContact, boolean consentToShareContact) {
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

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Items<T>(List<T> items) {

        Items {
            items = items == null ? List.of() : items;
        }
    }

    /** Who receives the partner's referral e-mails, and the language of the mails to its people ({@code en}, {@code it}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NotificationSettings(List<String> referralRecipients, String language) {

        public NotificationSettings {
            referralRecipients = referralRecipients == null ? List.of() : referralRecipients;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewSolution(String name, String type, boolean registrationEligible) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(String street, String city, String region, String postalCode, String country) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewCustomer(String name, String dunsNumber, Address address, Contact contact,
                              boolean consentToShareContact) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SolutionRef(String id, String name, String type) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MicrosoftHelp(boolean requested, String notes) {
    }

    /** The body of {@code POST /api/deals}; {@code microsoftHelp} asks for co-selling at once. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewDeal(String name, Money estimatedValue, LocalDate estimatedCloseDate, String notes, String crmId,
                          String campaignId, NewCustomer customer, List<Contact> employees, List<SolutionRef> solutions,
                          MicrosoftHelp microsoftHelp) {
    }
}
