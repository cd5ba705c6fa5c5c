package org.cosell.deal;

import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellInfrastructureInitializer;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cosell.deal.DealApi.JSON;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.errorFields;
import static org.cosell.deal.DealApi.newDeal;
import static org.cosell.deal.DealApi.set;

/** The lookups that help fill in a deal: customers, solutions and recently used contacts. */
@CosellServiceTest
class LookupsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private DealApi api;
    private TestUser user;
    private TestUser stranger;

    @BeforeEach
    void setUp() {
        api = new DealApi(port);
        user = TestUser.referralsAdmin(DealApi.uniquePartnerId());
        stranger = TestUser.referralsAdmin(DealApi.uniquePartnerId());
    }

    @Test
    void suggestsShippedCustomersByNamePrefixWithinCountryAndCity() {
        JsonNode contoso = body(api.get("/api/customers?q=cont&country=US", user));
        assertThat(names(contoso)).containsExactly("Contoso Ltd", "Contoso Ltd", "Contoso Pharmaceuticals");
        assertThat(values(contoso, "dunsNumber")).containsExactly("123456789", "223456789", "323456789");
        assertThat(contoso.get("items").get(0).get("address").get("city").asString()).isEqualTo("Seattle");

        assertThat(names(body(api.get("/api/customers?q=Contoso&country=US&city=redmond", user))))
                .containsExactly("Contoso Pharmaceuticals");
        assertThat(names(body(api.get("/api/customers?q=Contoso&country=GB", user)))).isEmpty();
        assertThat(names(body(api.get("/api/customers?q=ntoso&country=US", user)))).isEmpty();
        assertThat(names(body(api.get("/api/customers?q=.*&country=US", user)))).isEmpty();
        assertThat(body(api.get("/api/customers?q=c&country=US&size=1", user)).get("items")).hasSize(1);
    }

    @Test
    void learnsTheCustomersOfAPartnersDealsAndReferralsForThatPartnerOnly() {
        String learnt = "Zyphra Widgets " + UUID.randomUUID();
        ObjectNode deal = newDeal("New customer");
        set(deal, "/customer/name", "\"" + learnt + "\"");
        set(deal, "/customer/dunsNumber", "\"987654321\"");
        set(deal, "/customer/address/city", "\"Berlin\"");
        set(deal, "/customer/address/country", "\"DE\"");
        api.createdDeal(user, deal);
        String fromReferral = "Quokka Labs " + UUID.randomUUID();
        UUID referralId = UUID.randomUUID();
        kafka.send(Topics.REFERRAL_EVENTS, referralId.toString(),
                new ReferralEvents(referralId, user.partnerId()).received("Referral", fromReferral, "Perth", "AU"));

        JsonNode suggestions = body(api.get("/api/customers?q=zyphra&country=DE&city=Berlin", user));
        assertThat(names(suggestions)).containsExactly(learnt);
        assertThat(values(suggestions, "dunsNumber")).containsExactly("987654321");
        await().atMost(TIMEOUT).until(() -> names(body(api.get("/api/customers?q=quokka&country=AU", user)))
                .contains(fromReferral));
        assertThat(suggestions.get("items").get(0).has("contact")).isFalse();

        assertThat(names(body(api.get("/api/customers?q=zyphra&country=DE", stranger)))).isEmpty();
        assertThat(names(body(api.get("/api/customers?q=quokka&country=AU", stranger)))).isEmpty();
    }

    @Test
    void customerSuggestionsNeedANamePrefixAndACountryCode() {
        assertThat(errorFields(api.get("/api/customers?country=US", user))).containsExactly("q");
        assertThat(errorFields(api.get("/api/customers?q=Contoso", user))).containsExactly("country");
        assertThat(errorFields(api.get("/api/customers?q=Contoso&country=USA", user))).containsExactly("country");
        assertThat(errorFields(api.get("/api/customers?q=Contoso&country=US&size=500", user))).containsExactly("size");
    }

    @Test
    void theCatalogListsShippedSolutionsWithTheirRegistrationEligibility() {
        JsonNode all = body(api.get("/api/solutions", user));
        JsonNode azureAi = find(all, "sol-azure-ai");
        assertThat(azureAi.get("name").asString()).isEqualTo("Azure AI Foundry");
        assertThat(azureAi.get("type").asString()).isEqualTo("MICROSOFT");
        assertThat(azureAi.get("registrationEligible").asBoolean()).isTrue();
        assertThat(find(all, "sol-power-bi").get("registrationEligible").asBoolean()).isFalse();

        assertThat(values(body(api.get("/api/solutions?q=AZURE", user)), "id"))
                .contains("sol-azure-ai", "sol-azure-migrate", "sol-databricks").doesNotContain("sol-power-bi");
        assertThat(values(body(api.get("/api/solutions?type=THIRD_PARTY", user)), "type")).containsOnly("THIRD_PARTY")
                .isNotEmpty();
        assertThat(errorFields(api.get("/api/solutions?type=OPEN_SOURCE", user))).containsExactly("type");
        assertThat(api.get("/api/solutions/sol-azure-ai", user).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyAnMpnPartnerAdminAddsThePartnersOwnSolutionsAndOnlyThatPartnerSeesThem() {
        TestUser admin = TestUser.partnerAdmin(user.partnerId());
        String name = "Fabrikam Secure Cloud " + UUID.randomUUID();
        JsonNode request = JSON.readTree("{\"name\": \"" + name + "\", \"registrationEligible\": true}");

        HttpResponse<String> forbidden = api.post("/api/solutions", user, request);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(body(forbidden).get("status").asInt()).isEqualTo(403);

        HttpResponse<String> created = api.post("/api/solutions", admin, request);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode solution = body(created);
        String id = solution.get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/api/solutions/" + id));
        assertThat(solution.get("type").asString()).isEqualTo("PARTNER");
        assertThat(solution.get("registrationEligible").asBoolean()).isTrue();
        assertThat(solution.get("own").asBoolean()).isTrue();

        assertThat(values(body(api.get("/api/solutions?type=PARTNER", user)), "id")).contains(id);
        assertThat(api.get("/api/solutions/" + id, user).statusCode()).isEqualTo(200);
        assertThat(values(body(api.get("/api/solutions", stranger)), "id")).doesNotContain(id);
        assertThat(api.get("/api/solutions/" + id, stranger).statusCode()).isEqualTo(404);

        assertThat(api.post("/api/solutions", admin, request).statusCode()).isEqualTo(409);
        assertThat(errorFields(api.post("/api/solutions", admin,
                JSON.readTree("{\"name\": \" \", \"type\": \"MICROSOFT\"}")))).containsExactly("name", "type");
    }

    @Test
    void recentContactsAreThePartnersEmployeesNewestFirstEachEmailOnce() {
        ObjectNode older = newDeal("Older deal");
        set(older, "/employees", """
                [{"name": "Pat Partner", "phone": "+1 425 555 0199", "email": "pat@fabrikam.example"},
                 {"name": "Lee Lead", "phone": "+1 425 555 0122", "email": "lee@fabrikam.example"}]""");
        api.createdDeal(user, older);
        CosellInfrastructureInitializer.clock().advance(Duration.ofMinutes(5));
        ObjectNode newer = newDeal("Newer deal");
        set(newer, "/employees", """
                [{"name": "Kim Keen", "phone": "+1 425 555 0133", "email": "kim@fabrikam.example"},
                 {"name": "Pat P.", "phone": "+1 425 555 0100", "email": "PAT@fabrikam.example"}]""");
        api.createdDeal(user, newer);

        JsonNode recent = body(api.get("/api/contacts/recent", user));

        assertThat(values(recent, "email")).containsExactly("kim@fabrikam.example", "PAT@fabrikam.example",
                "lee@fabrikam.example");
        assertThat(values(recent, "name")).containsExactly("Kim Keen", "Pat P.", "Lee Lead");
        assertThat(values(body(api.get("/api/contacts/recent?size=1", user)), "email"))
                .containsExactly("kim@fabrikam.example");
        assertThat(body(api.get("/api/contacts/recent", stranger)).get("items")).isEmpty();
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode item : list.get("items")) {
            if (item.get("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("No " + id + " in " + list);
    }

    private static List<String> names(JsonNode list) {
        return values(list, "name");
    }

    private static List<String> values(JsonNode list, String field) {
        List<String> values = new ArrayList<>();
        list.get("items").forEach(item -> values.add(item.get(field).isNull() ? null : item.get(field).asString()));
        return values;
    }
}
