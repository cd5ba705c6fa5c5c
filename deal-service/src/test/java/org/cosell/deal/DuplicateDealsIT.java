package org.cosell.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.errorFields;
import static org.cosell.deal.DealApi.newDeal;
import static org.cosell.deal.DealApi.set;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /api/deals/duplicates} and the {@code possibleDuplicates} of a created deal: a warning, never a refusal. */
@CosellServiceTest
class DuplicateDealsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    private DealApi api;
    private TestUser user;

    @BeforeEach
    void setUp() {
        api = new DealApi(port);
        user = TestUser.referralsAdmin(DealApi.uniquePartnerId());
    }

    @Test
    void aNewDealForAKnownCustomerNamesTheOpenOnesMostAlikeFirst() {
        JsonNode first = api.createdDeal(user, deal("Contoso AI pilot", "Contoso Ltd", "US", "123456789"));
        assertThat(first.get("possibleDuplicates")).as("nothing to warn about yet").isEmpty();
        UUID pilot = id(first);
        UUID licences = id(api.createdDeal(user, deal("Office licences renewal", "CONTOSO, LTD.", "US", null)));
        UUID otherCustomer = id(api.createdDeal(user, deal("Contoso AI pilot", "Contoso Pharma Ltd", "US", null)));
        UUID otherCountry = id(api.createdDeal(user, deal("Contoso AI pilot", "Contoso Ltd", "CA", null)));
        UUID lost = id(api.createdDeal(user, deal("Contoso AI pilot", "Contoso Ltd", "US", null)));
        assertThat(api.post("/api/deals/" + lost + "/lost", user, DealApi.JSON.readTree("{\"reason\": \"NO_BUDGET\"}"))
                .statusCode()).isEqualTo(200);

        HttpResponse<String> response = api.create(user, deal("Contoso AI pilot, phase 2", "contoso ltd", "US", null));

        assertThat(response.statusCode()).as("a warning, never a refusal").isEqualTo(201);
        JsonNode created = body(response);
        assertThat(ids(created.get("possibleDuplicates")))
                .as("same customer and open, the most alike deal name first; not the deal itself")
                .containsExactly(pilot, licences)
                .doesNotContain(otherCustomer, otherCountry, lost, id(created));
        JsonNode duplicate = created.get("possibleDuplicates").get(0);
        assertThat(duplicate.get("name").asString()).isEqualTo("Contoso AI pilot");
        assertThat(duplicate.get("stage").asString()).isEqualTo("ACCEPTED");
        assertThat(duplicate.get("customer").get("name").asString()).isEqualTo("Contoso Ltd");
        assertThat(created.get("stage").asString()).as("the deal itself is answered as before").isEqualTo("ACCEPTED");
    }

    @Test
    void theLookupMatchesByNameAndCountryOrByDunsNumberAndSeesOnlyThePartnersOwn() {
        UUID byDuns = id(api.createdDeal(user, deal("Dynamics roll-out", "Rossi Holding", "DE", "987654321")));
        UUID byName = id(api.createdDeal(user, deal("Azure migration", "Società Rossi S.p.A.", "IT", null)));
        TestUser otherPartner = TestUser.referralsAdmin(DealApi.uniquePartnerId());
        api.createdDeal(otherPartner, deal("Azure migration", "Società Rossi S.p.A.", "IT", "987654321"));

        assertThat(lookup("customerName=" + encode("Societa Rossi") + "&country=IT&name=" + encode("Azure migration")))
                .containsExactly(byName);
        assertThat(lookup("dunsNumber=987654321")).containsExactly(byDuns);
        assertThat(lookup("customerName=" + encode("Societa Rossi") + "&country=IT&dunsNumber=987654321&name=Dynamics"))
                .containsExactlyInAnyOrder(byDuns, byName);
        assertThat(lookup("customerName=Rossini&country=IT")).isEmpty();
    }

    @Test
    void aReceivedReferralForTheSameCustomerIsAPossibleDuplicate() {
        UUID referralId = UUID.randomUUID();
        ReferralEvents referral = new ReferralEvents(referralId, user.partnerId());
        KafkaTestClient.shared().send(Topics.REFERRAL_EVENTS, referralId.toString(),
                referral.received("Fabrikam data platform", "Fabrikam GmbH", "Berlin", "DE"));
        await().atMost(TIMEOUT).until(() -> api.get("/api/opportunities/" + referralId, user).statusCode() == 200);

        assertThat(lookup("customerName=" + encode("FABRIKAM") + "&country=DE")).containsExactly(referralId);
    }

    @Test
    void aLookupWithoutACustomerOrWithBadValuesIsRefusedNamingTheField() {
        assertThat(errorFields(api.get("/api/deals/duplicates?name=x", user))).containsExactly("customerName");
        assertThat(errorFields(api.get("/api/deals/duplicates?customerName=Contoso", user))).containsExactly("customerName");
        assertThat(errorFields(api.get("/api/deals/duplicates?customerName=Contoso&country=XX", user))).containsExactly("country");
        assertThat(errorFields(api.get("/api/deals/duplicates?dunsNumber=12345", user))).containsExactly("dunsNumber");
    }

    private List<UUID> lookup(String query) {
        HttpResponse<String> response = api.get("/api/deals/duplicates?" + query, user);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ids(body(response).get("items"));
    }

    private static ObjectNode deal(String name, String customerName, String country, String dunsNumber) {
        ObjectNode deal = set(newDeal(name), "/customer/name", DealApi.JSON.writeValueAsString(customerName));
        set(deal, "/customer/address/country", "\"" + country + "\"");
        ObjectNode customer = (ObjectNode) deal.get("customer");
        if (dunsNumber == null) {
            customer.remove("dunsNumber");
        } else {
            customer.put("dunsNumber", dunsNumber);
        }
        return deal;
    }

    private static UUID id(JsonNode deal) {
        return UUID.fromString(deal.get("id").asString());
    }

    private static List<UUID> ids(JsonNode items) {
        List<UUID> ids = new ArrayList<>();
        items.forEach(item -> ids.add(id(item)));
        return ids;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
