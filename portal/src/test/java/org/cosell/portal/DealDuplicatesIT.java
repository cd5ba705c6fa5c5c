package org.cosell.portal;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The new-deal wizard warns of deals probably for the same customer, and the new deal's page lists them. */
class DealDuplicatesIT extends PortalTestBase {

    private static final String OTHER = "7a1c2d3e-0000-4000-8000-000000000001";

    private static final String DUPLICATES = """
            {"items":[{"id":"%s","name":"Contoso Copilot rollout","stage":"ACCEPTED",
                       "customer":{"name":"Contoso Ltd.","address":{"country":"IT"}}}]}""".formatted(OTHER);

    private String start(MockHttpSession session) throws Exception {
        String location = mvc.perform(get("/deals/new").session(session)).andReturn().getResponse().getRedirectedUrl();
        return location.substring(0, location.lastIndexOf('/'));
    }

    private ResultActions step(MockHttpSession session, String wizard, String step, String... params) throws Exception {
        MockHttpServletRequestBuilder request = post(wizard + "/" + step).session(session).with(csrf()).param("action", "next");
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request);
    }

    private String page(MockHttpSession session, String address) throws Exception {
        return mvc.perform(get(address).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    @Test
    void warnsOfPossibleDuplicatesOnceTheCustomerIsKnownButLetsTheUserGoOn() throws Exception {
        api.on("GET", "/api/deals/duplicates", FakeCosellApi.Response.json(DUPLICATES));
        api.on("GET", "/api/contacts/recent", FakeCosellApi.Response.json("{\"items\":[]}"));
        MockHttpSession session = signIn();
        String wizard = start(session);

        assertThat(page(session, wizard + "/customer")).doesNotContain("possible-duplicates");
        step(session, wizard, "customer", "customer.address.country", "IT", "customer.name", "Contoso Ltd",
                "customer.dunsNumber", "123456789")
                .andExpect(redirectedUrl(wizard + "/details"));

        FakeCosellApi.Request asked = api.last("GET", "/api/deals/duplicates");
        assertThat(asked.queryParam("customerName")).isEqualTo("Contoso Ltd");
        assertThat(asked.queryParam("country")).isEqualTo("IT");
        assertThat(asked.queryParam("dunsNumber")).isEqualTo("123456789");
        assertThat(asked.queryParam("name")).isNull();
        assertThat(page(session, wizard + "/details")).contains("class=\"banner\" role=\"status\" data-test=\"possible-duplicates\"",
                "Possible duplicates", "You already have open deals that may be for this customer.",
                "<a href=\"/opportunities/" + OTHER + "\">Contoso Copilot rollout</a>", "(Contoso Ltd., Accepted)");

        // the deal's name narrows it further; going on is never refused
        step(session, wizard, "details", "name", "Contoso AI pilot", "estimatedValue.amount", "30000",
                "estimatedValue.currency", "EUR", "estimatedCloseDate", LocalDate.now().plusMonths(3).toString())
                .andExpect(redirectedUrl(wizard + "/employees"));
        assertThat(api.last("GET", "/api/deals/duplicates").queryParam("name")).isEqualTo("Contoso AI pilot");
        assertThat(page(session, wizard + "/employees")).contains("Contoso Copilot rollout");
        assertThat(page(session, wizard + "/employees?lang=it")).contains("Possibili doppioni",
                "Hai già opportunità aperte che potrebbero riguardare questo cliente.");
    }

    @Test
    void noDuplicatesOrAnApiThatCannotSayWarnsOfNothing() throws Exception {
        MockHttpSession session = signIn();
        String wizard = start(session);
        // no answer configured: the fake API answers 404, as an older deal-service would
        step(session, wizard, "customer", "customer.address.country", "IT", "customer.name", "Contoso Ltd")
                .andExpect(redirectedUrl(wizard + "/details"));
        assertThat(page(session, wizard + "/details")).doesNotContain("possible-duplicates");

        api.on("GET", "/api/deals/duplicates", FakeCosellApi.Response.json("{\"items\":[]}"));
        step(session, wizard, "customer", "customer.address.country", "IT", "customer.name", "Contoso Ltd")
                .andExpect(redirectedUrl(wizard + "/details"));
        assertThat(page(session, wizard + "/details")).doesNotContain("possible-duplicates");
    }

    @Test
    void theNewDealsPageListsThePossibleDuplicatesTheCreationAnswered() throws Exception {
        api.on("GET", "/api/solutions/s-1", FakeCosellApi.Response.json("""
                {"id":"s-1","name":"Azure OpenAI","type":"MICROSOFT"}"""));
        api.on("GET", "/api/solutions", FakeCosellApi.Response.json("{\"items\":[]}"));
        api.on("GET", "/api/contacts/recent", FakeCosellApi.Response.json("{\"items\":[]}"));
        api.on("POST", "/api/deals", FakeCosellApi.Response.json(201, opportunityJson("ACCEPTED", ",\"possibleDuplicates\":"
                + DUPLICATES.substring(DUPLICATES.indexOf('['), DUPLICATES.lastIndexOf(']') + 1))));
        api.on("GET", "/api/opportunities/" + ID, FakeCosellApi.Response.json(opportunityJson("ACCEPTED", "")));
        MockHttpSession session = signIn();
        String wizard = start(session);
        step(session, wizard, "customer", "customer.address.country", "IT", "customer.name", "Contoso Ltd");
        step(session, wizard, "details", "name", "Contoso AI pilot", "estimatedValue.amount", "30000",
                "estimatedValue.currency", "EUR", "estimatedCloseDate", LocalDate.now().plusMonths(3).toString());
        step(session, wizard, "employees", "employees[0].name", "Ada Lovelace", "employees[0].phone", "+1 425 555 0100",
                "employees[0].email", "ada@fabrikam.example");
        mvc.perform(post(wizard + "/solutions").session(session).with(csrf()).param("action", "add-solution:s-1"));
        step(session, wizard, "solutions");

        mvc.perform(post(wizard + "/selling").session(session).with(csrf()).param("action", "create")
                        .param("sellingType", "PRIVATE_PIPELINE"))
                .andExpect(redirectedUrl("/opportunities/" + ID))
                .andExpect(flash().attribute("flash", "wizard.created"));

        // the page the creation leads to, once; after that the page is as always
        assertThat(page(session, "/opportunities/" + ID)).contains("data-test=\"possible-duplicates\"",
                "This deal may duplicate open deals you already have for the same customer:",
                "<a href=\"/opportunities/" + OTHER + "\">Contoso Copilot rollout</a>");
        assertThat(page(session, "/opportunities/" + ID)).doesNotContain("possible-duplicates");
    }
}
