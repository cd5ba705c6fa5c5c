package org.cosell.portal;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Importing deals from a CSV file: every row's outcome, and a file refused whole said next to the field. */
class DealImportIT extends PortalTestBase {

    private static final String CSV = "customerName,country,name\nContoso,IT,Contoso AI pilot\nFabrikam,XX,\n";

    private static MockMultipartFile file(String content) {
        return new MockMultipartFile("file", "deals.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFormIsLabelledAndExplainsTheFile() throws Exception {
        mvc.perform(get("/deals/import").session(signIn()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<h1>Import deals</h1>"),
                        containsString("<label for=\"import-file\">CSV file</label>"),
                        containsString("enctype=\"multipart/form-data\""),
                        containsString("At most 1,000 rows and 1 MB, in UTF-8."),
                        containsString("aria-describedby=\"import-file-hint\""))));
    }

    @Test
    void sendsTheFileAsCsvAndShowsWhatBecameOfEveryRow() throws Exception {
        api.on("POST", "/api/deals/import", FakeCosellApi.Response.json("""
                {"created":1,"existing":0,"failed":1,"rows":[
                  {"row":2,"id":"%s"},
                  {"row":3,"errors":[{"field":"country","message":"must be an ISO 3166 alpha-2 country code"},
                                     {"field":"name","message":"must not be blank"}]}]}""".formatted(ID)));
        MockHttpSession session = signIn();

        String page = mvc.perform(multipart("/deals/import").file(file(CSV)).session(session).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        FakeCosellApi.Request sent = api.last("POST", "/api/deals/import");
        assertThat(sent.header("Content-Type")).startsWith("text/csv");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(sent.body()).isEqualTo(CSV);
        assertThat(page).contains("What became of deals.csv", "1 deal created, none already there, 1 row with mistakes.")
                .containsSubsequence("data-row=\"2\"", "<a href=\"/opportunities/" + ID + "\">Imported: open the deal</a>",
                        "data-row=\"3\"", "Not imported:",
                        "<li>country: Enter a two-letter country code such as US or IT.</li>", "<li>name: This is required.</li>");

        String italian = mvc.perform(multipart("/deals/import").file(file(CSV)).param("lang", "it").session(session).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(italian).contains("Esito di deals.csv", "1 opportunità creata, nessuna già presente, 1 riga con errori.",
                "Importata: apri l&#39;opportunità", "Non importata:");
    }

    @Test
    void aFileTooLargeEmptyOrRefusedWholeIsSaidNextToTheField() throws Exception {
        MockHttpSession session = signIn();

        mvc.perform(multipart("/deals/import").file(file("")).session(session).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("role=\"alert\""),
                        containsString("aria-invalid=\"true\" aria-describedby=\"import-file-error\""),
                        containsString("Choose a CSV file to import."))));

        mvc.perform(multipart("/deals/import").file(file("x".repeat(1024 * 1024 + 1))).session(session).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The file is too large: at most 1,000 rows and 1 MB.")));
        assertThat(api.received("POST", "/api/deals/import")).isEmpty();

        api.on("POST", "/api/deals/import", FakeCosellApi.Response.problem(413, "More than 1000 rows"));
        mvc.perform(multipart("/deals/import").file(file(CSV)).param("lang", "it").session(session).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Il file è troppo grande: al massimo 1.000 righe e 1 MB.")));

        api.on("POST", "/api/deals/import", FakeCosellApi.Response.problem(400, "Unknown column: colour"));
        mvc.perform(multipart("/deals/import").file(file(CSV)).param("lang", "en").session(session).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("The file could not be read."),
                        containsString("Unknown column: colour"))));
    }

    @Test
    void theListLinksToTheImport() throws Exception {
        api.on("GET", "/api/opportunities", FakeCosellApi.Response.json(pageJson(0)));

        mvc.perform(get("/opportunities").session(signIn()))
                .andExpect(content().string(containsString("<a href=\"/deals/import\" data-test=\"import\">Import deals from a CSV file</a>")));
    }

    @Test
    void needsASignedInUserAndTheFormsCsrfToken() throws Exception {
        mvc.perform(get("/deals/import")).andExpect(redirectedUrl("/sign-in"));
        mvc.perform(multipart("/deals/import").file(file(CSV)).session(signIn())).andExpect(status().isForbidden());
        assertThat(api.received("POST", "/api/deals/import")).isEmpty();
    }
}
