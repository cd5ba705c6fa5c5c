package org.cosell.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.errorFields;
import static org.cosell.deal.DealApi.newDeal;
import static org.cosell.deal.DealApi.set;
import static org.cosell.deal.DealApi.withHelp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellInfrastructureInitializer;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The filters of {@code GET /api/opportunities} on one partner's seeded set with known answers:
 * each alone, in combination with each other and with tab, search and paging, and refused when
 * their values are not valid.
 */
@CosellServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpportunityFiltersIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    private DealApi api;
    private TestUser user;
    private LocalDate today;
    /** The seeded opportunities by the one-letter name the expectations use. */
    private final Map<String, UUID> seeded = new HashMap<>();

    @BeforeAll
    void seed() {
        api = new DealApi(port);
        user = TestUser.referralsAdmin(DealApi.uniquePartnerId());
        Instant now = CosellInfrastructureInitializer.clock().instant();
        today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        seeded.put("A", outbound(deal("Alpha", "EUR", "30000.00", today.plusMonths(3), "sol-azure-ai")));
        seeded.put("B", outbound(deal("Bravo", "USD", "5000.00", today.plusMonths(1), "sol-power-bi")));
        seeded.put("C", outbound(withHelp(deal("Charlie", "EUR", "120000.00", today.plusMonths(6), "sol-azure-ai"), "Need an architect")));
        UUID lost = outbound(deal("Delta", "EUR", "80000.00", today.plusMonths(2), "sol-azure-ai"));
        assertThat(api.post("/api/deals/" + lost + "/lost", user, DealApi.JSON.readTree("{\"reason\": \"NO_BUDGET\"}"))
                .statusCode()).isEqualTo(200);
        seeded.put("D", lost);
        seeded.put("E", inbound("Echo", "MICROSOFT", now.plus(Duration.ofDays(2))));
        seeded.put("F", inbound("Foxtrot", "PARTNER", now.plus(Duration.ofDays(10))));
        moveSalesStage(seeded.get("A"), "DEVELOP");
        moveSalesStage(seeded.get("C"), "PROPOSE");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            tab=outbound&type=CO_SELL                                                   | C
            tab=outbound&type=PRIVATE_PIPELINE&currency=EUR                             | A
            tab=outbound&engagement=REQUESTED                                           | C
            tab=outbound&engagement=NONE&sort=name,asc                                  | A B
            tab=inbound&senderKind=PARTNER                                              | F
            tab=inbound&respondWithin=P3D                                               | E
            tab=inbound&respondWithin=P30D&sort=name,desc                               | E F
            tab=outbound&solutionId=sol-power-bi                                        | B
            tab=outbound&currency=EUR&minValue=50000                                    | C
            tab=archived&currency=EUR&minValue=50000&maxValue=100000                    | D
            tab=archived&currency=USD                                                   | ''
            tab=inbound&q=echo&senderKind=MICROSOFT&solutionId=sol-azure-ai&currency=USD&maxValue=25000 | E
            tab=inbound&type=CO_SELL&respondWithin=PT240H&size=1                        | E
            tab=outbound&salesStage=QUALIFY                                             | B
            tab=outbound&salesStage=PROPOSE&engagement=REQUESTED&currency=EUR           | C
            tab=outbound&salesStage=DEVELOP&q=alp&sort=name,asc&size=1&page=0           | A
            tab=outbound&salesStage=CLOSE                                               | ''
            tab=archived&salesStage=QUALIFY                                             | ''
            tab=inbound&salesStage=QUALIFY                                              | ''
            """)
    void filtersCombineWithTabSearchSortingAndPaging(String query, String expected) {
        List<String> names = new ArrayList<>(List.of(expected.split(" ")));
        names.removeIf(String::isEmpty);
        assertThat(list(query)).containsExactlyElementsOf(names.stream().map(seeded::get).toList());
    }

    @Test
    void closeDatesAreInclusiveAtBothEnds() {
        assertThat(list("tab=outbound&closeFrom=" + today.plusMonths(1) + "&closeTo=" + today.plusMonths(3) + "&sort=name,asc"))
                .containsExactly(seeded.get("A"), seeded.get("B"));
        assertThat(list("tab=outbound&closeFrom=" + today.plusMonths(1).plusDays(1) + "&closeTo=" + today.plusMonths(3).minusDays(1)))
                .isEmpty();
    }

    @Test
    void theAnswerSoonViewCountsEveryMatchAndPutsTheSoonestDueFirst() {
        JsonNode page = body(api.get("/api/opportunities?tab=inbound&respondWithin=P30D&size=1&page=1", user));

        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(seeded.get("F").toString());
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', textBlock = """
            type=FOO                              | type
            engagement=MAYBE                      | engagement
            senderKind=ROBOT                      | senderKind
            closeFrom=next-week                   | closeFrom
            closeFrom=2027-02-01&closeTo=2027-01-01 | closeTo
            currency=eur                          | currency
            minValue=100                          | minValue
            currency=EUR&minValue=-1              | minValue
            currency=EUR&minValue=10&maxValue=5   | maxValue
            currency=EUR&maxValue=1.234           | maxValue
            respondWithin=soon                    | respondWithin
            respondWithin=-P1D                    | respondWithin
            salesStage=WINNING                    | salesStage
            salesStage=qualify                    | salesStage
            """)
    void invalidFilterValuesAreRefusedNamingTheField(String query, String field) {
        assertThat(errorFields(api.get("/api/opportunities?" + query, user))).containsExactly(field);
    }

    private List<UUID> list(String query) {
        HttpResponse<String> response = api.get("/api/opportunities?" + query, user);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        body(response).get("items").forEach(item -> ids.add(UUID.fromString(item.get("id").asString())));
        return ids;
    }

    private ObjectNode deal(String name, String currency, String amount, LocalDate closeDate, String solutionId) {
        ObjectNode deal = newDeal(name);
        set(deal, "/estimatedValue/currency", "\"" + currency + "\"");
        set(deal, "/estimatedValue/amount", "\"" + amount + "\"");
        set(deal, "/estimatedCloseDate", "\"" + closeDate + "\"");
        set(deal, "/solutions/0/id", "\"" + solutionId + "\"");
        return deal;
    }

    private void moveSalesStage(UUID id, String salesStage) {
        String etag = DealApi.etag(api.get("/api/opportunities/" + id, user));
        HttpResponse<String> moved = api.patch(id, user, etag,
                DealApi.JSON.readTree("{\"salesStage\": \"" + salesStage + "\"}"));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    }

    private UUID outbound(ObjectNode deal) {
        return UUID.fromString(api.createdDeal(user, deal).get("id").asString());
    }

    private UUID inbound(String name, String senderKind, Instant respondBy) {
        UUID id = UUID.randomUUID();
        ObjectNode event = (ObjectNode) DealApi.JSON.readTree(new ReferralEvents(id, user.partnerId()).received(name));
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("respondBy", respondBy.toString());
        ((ObjectNode) data.get("sender")).put("kind", senderKind);
        if (senderKind.equals("PARTNER")) {
            ((ObjectNode) data.get("sender")).put("partnerId", "5512345");
        }
        KafkaTestClient.shared().send(Topics.REFERRAL_EVENTS, id.toString(), DealApi.JSON.writeValueAsString(event));
        await().atMost(TIMEOUT).until(() -> api.get("/api/opportunities/" + id, user).statusCode() == 200);
        return id;
    }
}
