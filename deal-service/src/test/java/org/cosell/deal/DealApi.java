package org.cosell.deal;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.testsupport.CosellInfrastructureInitializer;
import org.cosell.testsupport.TestJwtIssuer;
import org.cosell.testsupport.TestUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Calls deal-service's REST API as a test user, and builds the bodies and events the tests send. */
public final class DealApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private final TestJwtIssuer tokens = TestJwtIssuer.get();

    public DealApi(int port) {
        this.port = port;
    }

    public static String uniquePartnerId() {
        return Long.toString(1_000_000 + (long) (Math.random() * 8_999_999));
    }

    /** A valid outbound deal: private pipeline, a registration-eligible Microsoft solution, a consenting customer. */
    public static ObjectNode newDeal(String name) {
        LocalDate closeDate = LocalDate.ofInstant(CosellInfrastructureInitializer.clock().instant(), ZoneOffset.UTC)
                .plusMonths(3);
        ObjectNode deal = (ObjectNode) JSON.readTree("""
                {"name": "%s",
                 "estimatedValue": {"amount": "30000.00", "currency": "EUR"},
                 "estimatedCloseDate": "%s",
                 "notes": "Pilot first", "crmId": "CRM-1", "campaignId": "CAMP-1",
                 "customer": {"name": "Contoso Ltd", "dunsNumber": "123456789",
                              "address": {"street": "1 Main Street", "city": "Seattle", "region": "WA",
                                          "postalCode": "98101", "country": "US"},
                              "contact": {"name": "Ada Buyer", "phone": "+1 206 555 0100", "email": "ada@contoso.example"},
                              "consentToShareContact": true},
                 "employees": [{"name": "Pat Partner", "phone": "+1 425 555 0199", "email": "pat@fabrikam.example"}],
                 "solutions": [{"id": "sol-azure-ai", "name": "Azure AI Foundry", "type": "MICROSOFT"}]}
                """.formatted(name, closeDate));
        return deal;
    }

    /** A deal whose solutions are none of them registration-eligible. */
    public static ObjectNode unregisteredDeal(String name) {
        ObjectNode deal = newDeal(name);
        ArrayNode solutions = deal.putArray("solutions");
        solutions.addObject().put("id", "sol-power-bi").put("name", "Power BI").put("type", "MICROSOFT");
        return deal;
    }

    public static ObjectNode withHelp(ObjectNode deal, String notes) {
        deal.putObject("microsoftHelp").put("requested", true).put("notes", notes);
        return deal;
    }

    /** Sets the value at a JSON pointer; {@code "%N"} stands for a string of N characters. */
    public static ObjectNode set(ObjectNode body, String pointer, String value) {
        String parentPointer = pointer.substring(0, pointer.lastIndexOf('/'));
        String name = pointer.substring(pointer.lastIndexOf('/') + 1);
        JsonNode parent = parentPointer.isEmpty() ? body : body.at(parentPointer);
        JsonNode node = value.matches("\"%\\d+\"")
                ? JSON.getNodeFactory().stringNode("x".repeat(Integer.parseInt(value.substring(2, value.length() - 1))))
                : JSON.readTree(value);
        if (parent instanceof ObjectNode object) {
            object.set(name, node);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(name), node);
        }
        return body;
    }

    public HttpResponse<String> create(TestUser user, JsonNode body) {
        return create(user, body, Map.of());
    }

    public HttpResponse<String> create(TestUser user, JsonNode body, Map<String, String> headers) {
        HttpRequest.Builder request = request("/api/deals", user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Creates a deal that must be created, and answers it. */
    public JsonNode createdDeal(TestUser user, JsonNode body) {
        HttpResponse<String> response = create(user, body);
        if (response.statusCode() != 201) {
            throw new AssertionError("Expected 201 creating a deal, got " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public HttpResponse<String> get(String path, TestUser user) {
        return send(request(path, user).GET().build());
    }

    public JsonNode opportunity(UUID id, TestUser user) {
        return JSON.readTree(get("/api/opportunities/" + id, user).body());
    }

    public HttpResponse<String> patch(UUID id, TestUser user, String ifMatch, String contentType, JsonNode body) {
        HttpRequest.Builder request = request("/api/deals/" + id, user).header("Content-Type", contentType)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString()));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request.build());
    }

    public HttpResponse<String> patch(UUID id, TestUser user, String ifMatch, JsonNode body) {
        return patch(id, user, ifMatch, "application/merge-patch+json", body);
    }

    public HttpResponse<String> post(String path, TestUser user, JsonNode body) {
        HttpRequest.Builder request = request(path, user);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return send(request.build());
    }

    /** A POST with the given {@code Content-Type}, as any client might send it; {@code user} may be null (no token). */
    public HttpResponse<String> post(String path, TestUser user, String contentType, String body) {
        HttpRequest.Builder request = user == null ? HttpRequest.newBuilder(uri(path)) : request(path, user);
        return send(request.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> put(String path, TestUser user) {
        return send(request(path, user).PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> delete(String path, TestUser user) {
        return send(request(path, user).DELETE().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A request to {@code path} carrying {@code user}'s token, to finish as a test needs. */
    public HttpRequest.Builder request(String path, TestUser user) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", tokens.bearer(user));
    }

    public static JsonNode body(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    /** The {@code field}s of a 400 problem's {@code errors}. */
    public static java.util.List<String> errorFields(HttpResponse<String> response) {
        if (response.statusCode() != 400) {
            throw new AssertionError("Expected 400, got " + response.statusCode() + ": " + response.body());
        }
        return body(response).get("errors").findValuesAsString("field");
    }

    public static JsonNode event(ConsumerRecord<String, String> record) {
        return JSON.readTree(record.value());
    }

    public static Predicate<ConsumerRecord<String, String>> isEvent(UUID key, EventType type) {
        return record -> key.toString().equals(record.key()) && event(record).get("type").asString().equals(type.id());
    }

    /** An event of {@code type} from its golden sample, with a fresh id, for {@code subject}. */
    public static ObjectNode sample(EventType type, UUID subject) {
        ObjectNode event = (ObjectNode) JSON.readTree(GoldenSamples.json(type));
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", subject.toString());
        return event;
    }

    /** A seller's answer that names no request, so that it answers the deal's current one. */
    public static String engagementResponse(UUID dealId, String decision) {
        ObjectNode event = sample(EventType.ENGAGEMENT_RESPONSE, dealId);
        ((ObjectNode) event.get("data")).put("dealId", dealId.toString()).put("decision", decision).remove("requestId");
        return JSON.writeValueAsString(event);
    }

    /** A seller's answer to the co-sell request {@code requestId}, made now. */
    public static String engagementResponse(UUID dealId, String decision, String requestId) {
        ObjectNode event = sample(EventType.ENGAGEMENT_RESPONSE, dealId);
        event.put("time", CosellInfrastructureInitializer.clock().instant().toString());
        ((ObjectNode) event.get("data")).put("dealId", dealId.toString()).put("decision", decision)
                .put("requestId", requestId);
        return JSON.writeValueAsString(event);
    }

    public static String engagementDue(UUID dealId, String partnerId, String dueAt) {
        ObjectNode event = sample(EventType.EXPIRY_DUE, dealId);
        ((ObjectNode) event.get("data")).put("kind", "ENGAGEMENT_RESPONSE").put("targetId", dealId.toString())
                .put("partnerId", partnerId).put("dueAt", dueAt);
        return JSON.writeValueAsString(event);
    }
}
