package org.cosell.portal;

import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class NewDealWizardIT extends PortalTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String CLOSE_DATE = LocalDate.now().plusMonths(3).toString();

    private static final String CONTOSO = """
            {"name":"Contoso Ltd","dunsNumber":"123456789",
             "address":{"street":"Via Roma 1","city":"Milano","postalCode":"20121","country":"IT"}}""";

    private void catalog() {
        api.on("GET", "/api/customers", FakeCosellApi.Response.json("{\"items\":[" + CONTOSO + "]}"));
        api.on("GET", "/api/contacts/recent", FakeCosellApi.Response.json("""
                {"items":[{"name":"Grace Hopper","phone":"+1 425 555 0101","email":"grace@fabrikam.example"}]}"""));
        api.on("GET", "/api/solutions", FakeCosellApi.Response.json("""
                {"items":[{"id":"s-1","name":"Azure OpenAI","type":"MICROSOFT","registrationEligible":false,"own":false},
                          {"id":"p-7","name":"Fabrikam Copilot kit","type":"PARTNER","registrationEligible":true,"own":true}]}"""));
        api.on("GET", "/api/solutions/s-1", FakeCosellApi.Response.json("""
                {"id":"s-1","name":"Azure OpenAI","type":"MICROSOFT","registrationEligible":false,"own":false}"""));
        api.on("POST", "/api/deals", FakeCosellApi.Response.json(201, opportunityJson("ACCEPTED", "")));
    }

    /** Starts a wizard and answers its address, {@code /deals/new/{wizard}}. */
    private String start(MockHttpSession session) throws Exception {
        String location = mvc.perform(get("/deals/new").session(session)).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).matches("/deals/new/[0-9a-f-]{36}/customer");
        return location.substring(0, location.lastIndexOf('/'));
    }

    private ResultActions step(MockHttpSession session, String wizard, String step, String action, String... params)
            throws Exception {
        MockHttpServletRequestBuilder request = post(wizard + "/" + step).session(session).with(csrf()).param("action", action);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request);
    }

    /** Fills every step the way a person would, up to the selling type. */
    private void fillUpToSelling(MockHttpSession session, String wizard) throws Exception {
        step(session, wizard, "customer", "next", "customer.address.country", "IT", "customer.name", "Contoso Ltd")
                .andExpect(redirectedUrl(wizard + "/details"));
        step(session, wizard, "details", "next", "name", "Contoso AI pilot", "estimatedValue.amount", "30000,50",
                "estimatedValue.currency", "eur", "estimatedCloseDate", CLOSE_DATE, "crmId", "CRM-1")
                .andExpect(redirectedUrl(wizard + "/employees"));
        step(session, wizard, "employees", "next", "employees[0].name", "Ada Lovelace",
                "employees[0].phone", "+1 425 555 0100", "employees[0].email", "ada@fabrikam.example")
                .andExpect(redirectedUrl(wizard + "/solutions"));
        step(session, wizard, "solutions", "add-solution:s-1").andExpect(redirectedUrl(wizard + "/solutions"));
        step(session, wizard, "solutions", "next").andExpect(redirectedUrl(wizard + "/selling"));
    }

    private static JsonNode body(FakeCosellApi.Request request) {
        return JSON.readTree(request.body());
    }

    @Test
    void walksThroughEveryStepInOrderAndCreatesTheDeal() throws Exception {
        catalog();
        MockHttpSession session = signIn();
        String wizard = start(session);

        mvc.perform(get(wizard + "/customer").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Step 1 of 5: Customer"),
                        containsString("<label for=\"wizard-customer-address-country\">Country</label>"),
                        containsString("<option value=\"IT\">Italy</option>"),
                        containsString("hx-get=\"" + wizard + "/customers\""))));

        // htmx: suggestions while the name is typed, with their D-U-N-S number
        mvc.perform(get(wizard + "/customers").session(session).header("HX-Request", "true")
                        .param("customer.name", "Cont").param("customer.address.country", "IT")
                        .param("customer.address.city", "Milano"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Contoso Ltd"), containsString("D-U-N-S 123456789"),
                        containsString("value=\"pick:0\""), not(containsString("<html")))));
        FakeCosellApi.Request lookup = api.last("GET", "/api/customers");
        assertThat(lookup.queryParam("q")).isEqualTo("Cont");
        assertThat(lookup.queryParam("country")).isEqualTo("IT");
        assertThat(lookup.queryParam("city")).isEqualTo("Milano");

        step(session, wizard, "customer", "pick:0", "customer.address.country", "IT", "customer.name", "Cont")
                .andExpect(redirectedUrl(wizard + "/customer"));
        mvc.perform(get(wizard + "/customer").session(session))
                .andExpect(content().string(allOf(containsString("value=\"Contoso Ltd\""),
                        containsString("value=\"123456789\""), containsString("value=\"Via Roma 1\""))));
        step(session, wizard, "customer", "next", "customer.address.country", "IT", "customer.name", "Contoso Ltd",
                "customer.dunsNumber", "123456789", "customer.address.city", "Milano",
                "customer.address.street", "Via Roma 1", "customer.address.postalCode", "20121")
                .andExpect(redirectedUrl(wizard + "/details"));

        step(session, wizard, "details", "next", "name", "Contoso AI pilot", "estimatedValue.amount", "30000,50",
                "estimatedValue.currency", "eur", "estimatedCloseDate", CLOSE_DATE, "notes", "Pilot in Q2",
                "crmId", "CRM-1", "campaignId", "CAMP-9")
                .andExpect(redirectedUrl(wizard + "/employees"));

        // the signed-in user is the first team member; a recent contact is one click away
        mvc.perform(get(wizard + "/employees").session(session))
                .andExpect(content().string(allOf(containsString("name=\"employees[0].name\" value=\"Ada Lovelace\""),
                        containsString("Grace Hopper"), containsString("value=\"quick-add:grace@fabrikam.example\""),
                        containsString("aria-label=\"Add Grace Hopper to the team\""))));
        step(session, wizard, "employees", "quick-add:grace@fabrikam.example", "employees[0].name", "Ada Lovelace",
                "employees[0].phone", "+1 425 555 0100", "employees[0].email", "ada@fabrikam.example")
                .andExpect(redirectedUrl(wizard + "/employees"));
        mvc.perform(get(wizard + "/employees").session(session))
                .andExpect(content().string(containsString("name=\"employees[1].email\" value=\"grace@fabrikam.example\"")));
        step(session, wizard, "employees", "next", "employees[0].name", "Ada Lovelace",
                "employees[0].phone", "+1 425 555 0100", "employees[0].email", "ada@fabrikam.example",
                "employees[1].name", "Grace Hopper", "employees[1].phone", "+1 425 555 0101",
                "employees[1].email", "grace@fabrikam.example")
                .andExpect(redirectedUrl(wizard + "/solutions"));

        step(session, wizard, "solutions", "search", "solutionQuery", "Azure", "solutionType", "MICROSOFT")
                .andExpect(redirectedUrl(wizard + "/solutions?q=Azure&type=MICROSOFT"));
        mvc.perform(get(wizard + "/solutions?q=Azure&type=MICROSOFT").session(session))
                .andExpect(content().string(allOf(containsString("Azure OpenAI"), containsString("value=\"add-solution:s-1\""),
                        // Enter in the search box searches
                        containsString("name=\"action\" value=\"search\" class=\"default-submit\""))));
        assertThat(api.last("GET", "/api/solutions").queryParam("type")).isEqualTo("MICROSOFT");
        step(session, wizard, "solutions", "add-solution:s-1", "solutionQuery", "Azure", "solutionType", "MICROSOFT")
                .andExpect(redirectedUrl(wizard + "/solutions?q=Azure&type=MICROSOFT"));
        step(session, wizard, "solutions", "next").andExpect(redirectedUrl(wizard + "/selling"));
        mvc.perform(get(wizard + "/selling").session(session))
                .andExpect(content().string(allOf(containsString("€30,000.50"), containsString("Ada Lovelace, Grace Hopper"),
                        containsString("name=\"action\" value=\"create\" class=\"default-submit\""))));

        step(session, wizard, "selling", "create", "sellingType", "CO_SELL", "customer.consentToShareContact", "true",
                "customer.contact.name", "Carla", "customer.contact.phone", "+39 02 555 0100",
                "customer.contact.email", "carla@contoso.example", "microsoftHelp.notes", "Azure architect, please")
                .andExpect(redirectedUrl("/opportunities/" + ID))
                .andExpect(flash().attribute("flash", "wizard.created"));

        FakeCosellApi.Request created = api.last("POST", "/api/deals");
        assertThat(created.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(created.header("Idempotency-Key")).hasSize(36);
        JsonNode deal = body(created);
        assertThat(deal.at("/name").asString()).isEqualTo("Contoso AI pilot");
        assertThat(deal.at("/estimatedValue/amount").decimalValue()).isEqualByComparingTo("30000.50");
        assertThat(deal.at("/estimatedValue/currency").asString()).isEqualTo("EUR");
        assertThat(deal.at("/estimatedCloseDate").asString()).isEqualTo(CLOSE_DATE);
        assertThat(deal.at("/notes").asString()).isEqualTo("Pilot in Q2");
        assertThat(deal.at("/crmId").asString()).isEqualTo("CRM-1");
        assertThat(deal.at("/campaignId").asString()).isEqualTo("CAMP-9");
        assertThat(deal.at("/customer/name").asString()).isEqualTo("Contoso Ltd");
        assertThat(deal.at("/customer/dunsNumber").asString()).isEqualTo("123456789");
        assertThat(deal.at("/customer/address/country").asString()).isEqualTo("IT");
        assertThat(deal.at("/customer/address/city").asString()).isEqualTo("Milano");
        assertThat(deal.at("/customer/contact/email").asString()).isEqualTo("carla@contoso.example");
        assertThat(deal.at("/customer/consentToShareContact").asBoolean()).isTrue();
        assertThat(deal.at("/employees").size()).isEqualTo(2);
        assertThat(deal.at("/employees/1/email").asString()).isEqualTo("grace@fabrikam.example");
        assertThat(deal.at("/solutions/0/id").asString()).isEqualTo("s-1");
        assertThat(deal.at("/solutions/0/type").asString()).isEqualTo("MICROSOFT");
        assertThat(deal.at("/microsoftHelp/requested").asBoolean()).isTrue();
        assertThat(deal.at("/microsoftHelp/notes").asString()).isEqualTo("Azure architect, please");
    }

    @Test
    void aPrivateDealAsksMicrosoftForNothing() throws Exception {
        catalog();
        MockHttpSession session = signIn();
        String wizard = start(session);
        fillUpToSelling(session, wizard);

        step(session, wizard, "selling", "create", "sellingType", "PRIVATE_PIPELINE")
                .andExpect(redirectedUrl("/opportunities/" + ID));

        JsonNode deal = body(api.last("POST", "/api/deals"));
        assertThat(deal.has("microsoftHelp")).isFalse();
        assertThat(deal.has("customer")).isTrue();
        assertThat(deal.at("/customer").has("contact")).isFalse();
        assertThat(deal.at("/customer/consentToShareContact").asBoolean()).isFalse();
    }

    @Test
    void theSameWizardSendsTheSameKeyTwiceAndAnotherWizardAnother() throws Exception {
        catalog();
        MockHttpSession session = signIn();
        String first = start(session);
        fillUpToSelling(session, first);
        String second = start(session);
        fillUpToSelling(session, second);

        for (int i = 0; i < 2; i++) {
            step(session, first, "selling", "create", "sellingType", "PRIVATE_PIPELINE")
                    .andExpect(redirectedUrl("/opportunities/" + ID));
        }
        step(session, second, "selling", "create", "sellingType", "PRIVATE_PIPELINE");

        var sent = api.received("POST", "/api/deals").stream().map(r -> r.header("Idempotency-Key")).toList();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0)).isEqualTo(sent.get(1));
        assertThat(sent.get(2)).isNotEqualTo(sent.get(0));
    }

    @Test
    void eachStepChecksItsFieldsBeforeMovingOnAndBackKeepsWhatWasTyped() throws Exception {
        catalog();
        MockHttpSession session = signIn();
        String wizard = start(session);

        step(session, wizard, "customer", "next", "customer.name", "", "customer.dunsNumber", "12-34")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("Some fields need your attention."),
                        containsString("id=\"wizard-customer-name-error\" class=\"error\">This is required.</p>"),
                        containsString("id=\"wizard-customer-address-country-error\" class=\"error\">Choose the customer&#39;s country.</p>"),
                        containsString("A D-U-N-S number is 9 digits."),
                        containsString("aria-describedby=\"wizard-customer-name-error\""))));

        step(session, wizard, "customer", "next", "customer.address.country", "IT", "customer.name", "Contoso Ltd");
        step(session, wizard, "details", "next", "name", "Contoso AI pilot", "estimatedValue.amount", "-4",
                "estimatedValue.currency", "EUR", "estimatedCloseDate", "2020-01-01")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("Step 2 of 5: Deal details"),
                        containsString("Enter an amount greater than zero, with at most two decimals."),
                        containsString("The close date cannot be in the past."),
                        containsString("name=\"name\" value=\"Contoso AI pilot\""))));

        step(session, wizard, "details", "back", "name", "Renamed pilot", "estimatedValue.amount", "12")
                .andExpect(redirectedUrl(wizard + "/customer"));
        mvc.perform(get(wizard + "/customer").session(session))
                .andExpect(content().string(allOf(containsString("value=\"Contoso Ltd\""),
                        containsString("<option value=\"IT\" selected=\"selected\">Italy</option>"))));
        mvc.perform(get(wizard + "/details").session(session))
                .andExpect(content().string(allOf(containsString("name=\"name\" value=\"Renamed pilot\""),
                        containsString("name=\"estimatedValue.amount\" value=\"12\""))));

        step(session, wizard, "solutions", "next").andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Add between 1 and 50 solutions.")));
        step(session, wizard, "selling", "next", "sellingType", "CO_SELL")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(
                        containsString("The customer must agree before their contact is shared with Microsoft."),
                        containsString("id=\"wizard-customer-contact-email-error\" class=\"error\">This is required to co-sell.</p>"))));
    }

    @Test
    void createSendsTheUserBackToTheFirstStepWithAMistake() throws Exception {
        catalog();
        MockHttpSession session = signIn();
        String wizard = start(session);
        step(session, wizard, "customer", "next", "customer.address.country", "IT", "customer.name", "Contoso Ltd");
        step(session, wizard, "details", "next", "name", "Contoso AI pilot", "estimatedValue.amount", "100",
                "estimatedValue.currency", "EUR", "estimatedCloseDate", CLOSE_DATE);

        step(session, wizard, "selling", "create", "sellingType", "PRIVATE_PIPELINE")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("Step 3 of 5: Employees"),
                        containsString("Add between 1 and 50 team members."))));
        assertThat(api.received("POST", "/api/deals")).isEmpty();
    }

    @Test
    void theApisFieldErrorsShowNextToTheirFieldsOnTheStepTheyBelongTo() throws Exception {
        catalog();
        api.on("POST", "/api/deals", FakeCosellApi.Response.problem(400, "Invalid fields", """
                [{"field":"employees[0].email","message":"must be a well-formed email address"},
                 {"field":"customer.address.country","message":"must be an ISO 3166-1 alpha-2 country code"},
                 {"field":"customer.contact","message":"a contact with name, phone and e-mail is needed to ask Microsoft for help"}]"""));
        MockHttpSession session = signIn();
        String wizard = start(session);
        fillUpToSelling(session, wizard);

        step(session, wizard, "selling", "create", "sellingType", "PRIVATE_PIPELINE")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("Step 1 of 5: Customer"),
                        containsString("id=\"wizard-customer-address-country-error\" class=\"error\">must be an ISO 3166-1 alpha-2 country code</p>"),
                        not(containsString("Enter an e-mail address such as name@example.com.")))));

        mvc.perform(get(wizard + "/employees").session(session))
                .andExpect(content().string(
                        containsString("id=\"wizard-employees-0-email-error\" class=\"error\">Enter an e-mail address such as name@example.com.</p>")));
        mvc.perform(get(wizard + "/selling").session(session))
                .andExpect(content().string(containsString(
                        "id=\"wizard-customer-contact-name-error\" class=\"error\">a contact with name, phone and e-mail is needed to ask Microsoft for help</p>")));

        // a step sent again without mistakes forgets the API's complaints about it
        step(session, wizard, "customer", "next", "customer.address.country", "IT", "customer.name", "Contoso Ltd");
        mvc.perform(get(wizard + "/customer").session(session))
                .andExpect(content().string(not(containsString("alpha-2"))));
    }

    @Test
    void aFormNamingARowFarPastTheLimitIsRefusedNotAnError() throws Exception {
        MockHttpSession session = signIn();
        String wizard = start(session);

        step(session, wizard, "employees", "next", "employees[5000].name", "Ada")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The request was refused.")));
    }

    @Test
    void aRefusalNamingNoFieldIsSaidAboveTheLastStep() throws Exception {
        catalog();
        api.on("POST", "/api/deals", FakeCosellApi.Response.problem(400, "The body is not valid JSON"));
        MockHttpSession session = signIn();
        String wizard = start(session);
        fillUpToSelling(session, wizard);

        step(session, wizard, "selling", "create", "sellingType", "PRIVATE_PIPELINE")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("Step 5 of 5: Selling type"),
                        containsString("<p>The body is not valid JSON</p>"))));
    }

    @Test
    void suggestsNothingBeforeTwoLettersAndACountry() throws Exception {
        catalog();
        MockHttpSession session = signIn();
        String wizard = start(session);

        mvc.perform(get(wizard + "/customers").session(session).header("HX-Request", "true")
                        .param("customer.name", "C").param("customer.address.country", "IT"))
                .andExpect(content().string(not(containsString("Contoso"))));
        mvc.perform(get(wizard + "/customers").session(session).header("HX-Request", "true")
                        .param("customer.name", "Cont").param("customer.address.country", ""))
                .andExpect(content().string(not(containsString("Contoso"))));
        assertThat(api.received("GET", "/api/customers")).isEmpty();
    }

    @Test
    void lookingUpWithoutJavaScriptListsTheSuggestionsOnThePage() throws Exception {
        catalog();
        MockHttpSession session = signIn();
        String wizard = start(session);

        step(session, wizard, "customer", "find", "customer.address.country", "IT", "customer.name", "Cont")
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<html"), containsString("D-U-N-S 123456789"))));

        api.on("GET", "/api/customers", FakeCosellApi.Response.json("{\"items\":[]}"));
        step(session, wizard, "customer", "find", "customer.address.country", "IT", "customer.name", "Zzz")
                .andExpect(content().string(containsString("No known customer matches.")));
        step(session, wizard, "customer", "find", "customer.address.country", "", "customer.name", "Cont")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Choose the customer&#39;s country.")));
    }

    @Test
    void speaksItalian() throws Exception {
        catalog();
        MockHttpSession session = signIn();
        String wizard = start(session);

        mvc.perform(get(wizard + "/customer?lang=it").session(session))
                .andExpect(content().string(allOf(containsString("Passaggio 1 di 5: Cliente"),
                        containsString("<option value=\"IT\">Italia</option>"), containsString("Avanti"))));
    }

    @Test
    void anUnknownStepIsNotFoundAndAnUnknownWizardStartsAgain() throws Exception {
        MockHttpSession session = signIn();
        String wizard = start(session);

        mvc.perform(get(wizard + "/review").session(session)).andExpect(status().isNotFound());
        mvc.perform(get("/deals/new/3f2b6c1e-0000-4d3e-9a57-0d4c2b1a9e10/details").session(session))
                .andExpect(redirectedUrl("/deals/new"));
        step(session, wizard, "solutions", "add-solution:gone")
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Not found")));
    }

    @Test
    void aForbiddenCreationSaysSo() throws Exception {
        catalog();
        api.on("POST", "/api/deals", FakeCosellApi.Response.problem(403, "Needs a Cosell role"));
        MockHttpSession session = signIn();
        String wizard = start(session);
        fillUpToSelling(session, wizard);

        step(session, wizard, "selling", "create", "sellingType", "PRIVATE_PIPELINE")
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("Your roles do not allow this.")));
    }

    @Test
    void anExpiredSessionSignsInAgainAndComesBack() throws Exception {
        catalog();
        MockHttpSession session = signIn();
        String wizard = start(session);
        api.on("GET", "/api/contacts/recent", FakeCosellApi.Response.problem(401, "Token expired"));

        var expired = mvc.perform(get(wizard + "/employees").session(session))
                .andExpect(redirectedUrl("/sign-in?expired")).andReturn();
        assertThat(session.isInvalid()).isTrue();
        MockHttpSession next = (MockHttpSession) expired.getRequest().getSession(false);

        // back to the step; the wizard ended with the session, so a new one starts
        mvc.perform(post("/sign-in").session(next).with(csrf()).param("partnerId", "4412345").param("name", "Ada")
                        .param("email", "ada@fabrikam.example").param("roles", "REFERRALS_ADMIN"))
                .andExpect(redirectedUrl(wizard + "/employees"));
        mvc.perform(get(wizard + "/employees").session(next)).andExpect(redirectedUrl("/deals/new"));
    }

    @Test
    void aServiceThatIsDownGivesABanner() throws Exception {
        catalog();
        MockHttpSession session = signIn();
        String wizard = start(session);
        fillUpToSelling(session, wizard);
        api.on("POST", "/api/deals", FakeCosellApi.Response.problem(503, "deal-service is unavailable"));

        step(session, wizard, "selling", "create", "sellingType", "PRIVATE_PIPELINE")
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(containsString("Deals are unavailable, try again in a minute.")));

        api.on("GET", "/api/customers", FakeCosellApi.Response.hangUp());
        mvc.perform(get(wizard + "/customers").session(session).header("HX-Request", "true")
                        .param("customer.name", "Cont").param("customer.address.country", "IT"))
                .andExpect(header().string("HX-Retarget", "#alerts"))
                .andExpect(content().string(containsString("Deals are unavailable, try again in a minute.")));
    }

    @Test
    void needsASignedInUser() throws Exception {
        mvc.perform(get("/deals/new").locale(Locale.ENGLISH)).andExpect(redirectedUrl("/sign-in"));
    }
}
