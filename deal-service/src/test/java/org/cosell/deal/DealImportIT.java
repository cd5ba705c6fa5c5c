package org.cosell.deal;

import org.cosell.contracts.EventType;
import org.cosell.contracts.Topics;
import org.cosell.testsupport.CosellInfrastructureInitializer;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TestUser;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.event;
import static org.cosell.deal.DealApi.isEvent;

/** {@code POST /api/deals/import}: each row a {@code POST /api/deals}, bad rows reported, repeats created once. */
@CosellServiceTest
class DealImportIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String HEADER = "crmId,name,estimatedValue,currency,estimatedCloseDate,notes,customerName,"
            + "customerCountry,customerCity,employee1Name,employee1Phone,employee1Email,employee2Name,employee2Phone,"
            + "employee2Email,solution1Id,solution1Name,solution1Type,solution2Id,solution2Name,solution2Type\r\n";

    @LocalServerPort
    int port;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private DealApi api;
    private TestUser user;
    private String closeDate;

    @BeforeEach
    void setUp() {
        api = new DealApi(port);
        user = TestUser.referralsAdmin(DealApi.uniquePartnerId());
        closeDate = LocalDate.ofInstant(CosellInfrastructureInitializer.clock().instant(), ZoneOffset.UTC).plusMonths(2)
                .toString();
    }

    @Test
    void createsTheGoodRowsReportsTheBadOnesAndCreatesARepeatedRowOnce() {
        String file = "\uFEFF" + HEADER
                + row("CRM-100", "Contoso AI pilot", "30000.00", "\"Pilot first, then rollout\"", "Contoso Ltd",
                "US", "Seattle", "Pat Partner,+1 425 555 0199,pat@fabrikam.example,Ada Lovelace,+1 425 555 0100,ada@fabrikam.example",
                "sol-azure-ai,Azure AI Foundry,MICROSOFT,sol-own,Fabrikam Copilot kit,partner")
                + row("CRM-101", "Northwind data platform", "12500", "", "Northwind Traders", "DE", "Berlin",
                "Pat Partner,+1 425 555 0199,pat@fabrikam.example,,,", "sol-azure-ai,Azure AI Foundry,MICROSOFT,,,")
                + row("CRM-102", "", "lots", "", "Litware", "XX", "", "Pat Partner,+1 425 555 0199,not-an-email,,,",
                ",,,,,")
                + row("CRM-100", "Contoso AI pilot (again)", "30000.00", "", "Contoso Ltd", "US", "Seattle",
                "Pat Partner,+1 425 555 0199,pat@fabrikam.example,,,", "sol-azure-ai,Azure AI Foundry,MICROSOFT,,,")
                + row("", "No key", "100", "", "Contoso Ltd", "US", "", "Pat Partner,+1 425 555 0199,pat@fabrikam.example,,,",
                "sol-azure-ai,Azure AI Foundry,MICROSOFT,,,");

        try (TopicRecorder dealEvents = kafka.records(Topics.DEAL_EVENTS)) {
            HttpResponse<String> response = importCsv(user, file);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode result = body(response);
            assertThat(result.get("created").asInt()).isEqualTo(2);
            assertThat(result.get("existing").asInt()).isEqualTo(1);
            assertThat(result.get("failed").asInt()).isEqualTo(2);
            JsonNode rows = result.get("rows");
            assertThat(rows).hasSize(5);
            UUID contoso = UUID.fromString(rows.get(0).get("id").asString());
            UUID northwind = UUID.fromString(rows.get(1).get("id").asString());
            assertThat(rows.get(0).get("row").asInt()).isEqualTo(1);
            assertThat(rows.get(3).get("id").asString()).isEqualTo(contoso.toString());
            assertThat(rows.get(2).get("row").asInt()).isEqualTo(3);
            assertThat(rows.get(2).has("id")).isFalse();
            assertThat(rows.get(2).get("errors").findValuesAsString("field")).containsExactlyInAnyOrder(
                    "estimatedValue", "name", "customerCountry", "employee1Email", "solutions");
            assertThat(rows.get(4).get("errors").findValuesAsString("field")).containsExactly("crmId");

            JsonNode created = event(dealEvents.awaitRecord(isEvent(contoso, EventType.DEAL_CREATED), TIMEOUT));
            assertThat(created.at("/data/deal/crmId").asString()).isEqualTo("CRM-100");
            dealEvents.awaitRecord(isEvent(northwind, EventType.DEAL_CREATED), TIMEOUT);

            JsonNode deal = api.opportunity(contoso, user);
            assertThat(deal.get("stage").asString()).isEqualTo("ACCEPTED");
            assertThat(deal.get("notes").asString()).isEqualTo("Pilot first, then rollout");
            assertThat(deal.get("customer").at("/address/city").asString()).isEqualTo("Seattle");
            assertThat(deal.get("employees").findValuesAsString("email"))
                    .containsExactly("pat@fabrikam.example", "ada@fabrikam.example");
            assertThat(deal.get("solutions").findValuesAsString("type")).containsExactly("MICROSOFT", "PARTNER");

            HttpResponse<String> again = importCsv(user, file);

            JsonNode repeated = body(again);
            assertThat(repeated.get("created").asInt()).isZero();
            assertThat(repeated.get("existing").asInt()).isEqualTo(3);
            assertThat(repeated.get("failed").asInt()).isEqualTo(2);
            assertThat(repeated.get("rows").get(0).get("id").asString()).isEqualTo(contoso.toString());
            assertThat(repeated.get("rows").get(1).get("id").asString()).isEqualTo(northwind.toString());
            dealEvents.assertExactly(1, isEvent(contoso, EventType.DEAL_CREATED), Duration.ofSeconds(1));
        }
        assertThat(body(api.get("/api/opportunities/counts", user)).get("outbound").asInt()).isEqualTo(2);
    }

    @Test
    void findsADealCreatedThroughTheApiByItsCrmIdAndKeepsPartnersApart() {
        JsonNode earlier = api.createdDeal(user, DealApi.newDeal("Created by hand"));
        String file = HEADER + row("CRM-1", "Imported", "10", "", "Contoso Ltd", "US", "",
                "Pat Partner,+1 425 555 0199,pat@fabrikam.example,,,", "sol-azure-ai,Azure AI Foundry,MICROSOFT,,,");

        JsonNode mine = body(importCsv(user, file));
        JsonNode theirs = body(importCsv(TestUser.referralsAdmin(DealApi.uniquePartnerId()), file));

        assertThat(mine.get("existing").asInt()).isEqualTo(1);
        assertThat(mine.at("/rows/0/id").asString()).isEqualTo(earlier.get("id").asString());
        assertThat(theirs.get("created").asInt()).isEqualTo(1);
        assertThat(theirs.at("/rows/0/id").asString()).isNotEqualTo(earlier.get("id").asString());
    }

    @Test
    void takesAFileLargerThanAJsonBodyUpToAThousandRowsAnd413Beyond() {
        String invalidRow = row("CRM-X", "x".repeat(200), "100", "", "Contoso Ltd", "US", "",
                "Pat Partner,+1 425 555 0199,pat@fabrikam.example,,,", "sol,Solution,NOT_A_TYPE,,,");
        String thousand = HEADER + invalidRow.repeat(1_000);
        assertThat(thousand.length()).isGreaterThan(256 * 1024);

        HttpResponse<String> taken = importCsv(user, thousand);
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
        assertThat(body(taken).get("failed").asInt()).isEqualTo(1_000);

        HttpResponse<String> tooManyRows = importCsv(user, thousand + invalidRow);
        assertThat(tooManyRows.statusCode()).isEqualTo(413);
        assertThat(body(tooManyRows).get("type").asString()).isEqualTo("urn:cosell:problem:content-too-large");

        HttpResponse<String> tooLarge = importCsv(user, HEADER + "x".repeat(1024 * 1024));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void refusesAFileThatIsNotCsvOrNamesUnknownColumnsAndCreatesNothing() {
        HttpResponse<String> unknown = importCsv(user, HEADER.replace("customerCity", "customerTown")
                + row("CRM-1", "Imported", "10", "", "Contoso Ltd", "US", "",
                "Pat Partner,+1 425 555 0199,pat@fabrikam.example,,,", "sol-azure-ai,Azure AI Foundry,MICROSOFT,,,"));
        assertThat(DealApi.errorFields(unknown)).containsExactly("customerTown");

        HttpResponse<String> malformed = importCsv(user, HEADER + "CRM-1,\"unterminated\r\n");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(body(malformed).get("type").asString()).isEqualTo("urn:cosell:problem:malformed-request");

        HttpResponse<String> json = api.post("/api/deals/import", user, "application/json", "{}");
        assertThat(json.statusCode()).isEqualTo(415);

        assertThat(body(api.get("/api/opportunities/counts", user)).get("outbound").asInt()).isZero();
    }

    private String row(String crmId, String name, String value, String notes, String customer, String country,
                       String city, String employees, String solutions) {
        return String.join(",", crmId, name, value, "EUR", closeDate, notes, customer, country, city, employees,
                solutions) + "\r\n";
    }

    private HttpResponse<String> importCsv(TestUser caller, String csv) {
        return api.send(api.request("/api/deals/import", caller).header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
    }
}
