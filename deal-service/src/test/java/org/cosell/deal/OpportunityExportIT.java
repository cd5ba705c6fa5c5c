package org.cosell.deal;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.newDeal;

/** {@code GET /api/opportunities/export}: the list's rows as CSV, all of them, safe to open in a spreadsheet. */
@CosellServiceTest
class OpportunityExportIT {

    private static final List<String> HEADER = List.of("id", "name", "stage", "salesStage", "type", "origin", "customerName",
            "customerCountry", "customerDunsNumber", "estimatedValue", "currency", "estimatedCloseDate", "respondBy",
            "senderKind", "senderName", "engagementStatus", "favorite", "crmId", "campaignId", "createdAt",
            "updatedAt");

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
    void exportsEveryMatchingRowNotOnePageAsUtf8CsvWithAHeader() throws IOException {
        for (int i = 1; i <= 25; i++) {
            api.createdDeal(user, newDeal("Contoso rollout " + i));
        }
        api.createdDeal(user, named("Fabrikam, \"the big one\" — Zürich"));
        api.createdDeal(TestUser.referralsAdmin(DealApi.uniquePartnerId()), newDeal("Another partner's deal"));

        HttpResponse<String> response = export("?tab=outbound");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type.replace(" ", "").toLowerCase()).isEqualTo("text/csv;charset=utf-8"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(disposition -> assertThat(disposition).contains("opportunities-outbound.csv"));
        assertThat(response.body()).startsWith("\uFEFFid,name,");
        List<CSVRecord> rows = rows(response);
        assertThat(rows).hasSize(26);
        Map<String, CSVRecord> byName = rows.stream().collect(Collectors.toMap(row -> row.get("name"), Function.identity()));
        CSVRecord quoted = byName.get("Fabrikam, \"the big one\" — Zürich");
        assertThat(quoted).isNotNull();
        assertThat(quoted.get("stage")).isEqualTo("ACCEPTED");
        assertThat(quoted.get("type")).isEqualTo("PRIVATE_PIPELINE");
        assertThat(quoted.get("customerName")).isEqualTo("Contoso Ltd");
        assertThat(quoted.get("customerCountry")).isEqualTo("US");
        assertThat(quoted.get("estimatedValue")).isEqualTo("30000.00");
        assertThat(quoted.get("currency")).isEqualTo("EUR");
        assertThat(quoted.get("engagementStatus")).isEqualTo("NONE");
        assertThat(quoted.get("crmId")).isEqualTo("CRM-1");
        assertThat(quoted.get("favorite")).isEqualTo("false");
        assertThat(response.body()).contains("\"Fabrikam, \"\"the big one\"\" — Zürich\"");
        assertThat(byName).doesNotContainKey("Another partner's deal");
    }

    @Test
    void neutralisesCellsASpreadsheetWouldRunAsFormulas() throws IOException {
        api.createdDeal(user, named("=HYPERLINK(\"http://evil.example\",\"open\")"));
        api.createdDeal(user, named("+1 upsell"));
        api.createdDeal(user, named("@SUM(A1:A2)"));
        api.createdDeal(user, named("-2 licences"));

        List<String> names = rows(export("?tab=outbound")).stream().map(row -> row.get("name")).toList();

        assertThat(names).containsExactlyInAnyOrder("'=HYPERLINK(\"http://evil.example\",\"open\")", "'+1 upsell",
                "'@SUM(A1:A2)", "'-2 licences");
    }

    @Test
    void takesTheListsFiltersAndMarksTheCallersFavorites() throws IOException {
        JsonNode marked = api.createdDeal(user, newDeal("Northwind data platform"));
        api.createdDeal(user, newDeal("Northwind security review"));
        api.createdDeal(user, newDeal("Litware migration"));
        assertThat(api.put("/api/opportunities/" + marked.get("id").asString() + "/favorite", user).statusCode())
                .isEqualTo(204);

        List<CSVRecord> northwind = rows(export("?tab=outbound&q=northwind&sort=name,asc"));
        assertThat(northwind).extracting(row -> row.get("name"))
                .containsExactly("Northwind data platform", "Northwind security review");
        assertThat(northwind).extracting(row -> row.get("favorite")).containsExactly("true", "false");

        assertThat(rows(export("?tab=favorites"))).extracting(row -> row.get("name"))
                .containsExactly("Northwind data platform");
    }

    @Test
    void refusesAnInvalidFilterAsTheListDoes() {
        HttpResponse<String> response = export("?tab=outbound&minValue=10");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(DealApi.errorFields(response)).containsExactly("minValue");
    }

    @Test
    void answers406ToACallerThatAcceptsOnlyJson() {
        HttpResponse<String> response = api.send(api.request("/api/opportunities/export?tab=outbound", user)
                .header("Accept", "application/json").GET().build());

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(body(response).get("type").asString()).isEqualTo("urn:cosell:problem:not-acceptable");
    }

    /** A deal named {@code name}, whatever characters it holds. */
    private static ObjectNode named(String name) {
        ObjectNode deal = newDeal("any");
        deal.put("name", name);
        return deal;
    }

    private HttpResponse<String> export(String query) {
        return api.send(api.request("/api/opportunities/export" + query, user).header("Accept", "text/csv").GET().build());
    }

    private static List<CSVRecord> rows(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String csv = response.body().substring(1);
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv))) {
            assertThat(parser.getHeaderNames()).isEqualTo(HEADER);
            return parser.getRecords();
        }
    }
}
