package org.cosell.notification;

import org.bson.Document;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET}/{@code PUT /api/notification-settings}: per partner, admin-only changes, every address and the language checked. */
@CosellServiceTest
class NotificationSettingsIT extends AbstractNotificationIT {

    private static final String PATH = "/api/notification-settings";

    @Autowired
    MongoTemplate mongo;

    @Test
    void aPartnerThatNeverSavedSettingsHasNoReferralRecipients() {
        HttpResponse<String> response = get(PATH, TestUser.referralsAdmin(uniquePartnerId()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("referralRecipients")).isEmpty();
    }

    @Test
    void aPartnerAdminReplacesTheRecipientsWhichEveryUserOfThatPartnerAndNoOtherSees() {
        String partnerId = uniquePartnerId();

        HttpResponse<String> saved = put(PATH, TestUser.partnerAdmin(partnerId),
                body(List.of("sales@fabrikam.example", "Lead@Fabrikam.example", "lead@fabrikam.example")));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(recipients(saved)).containsExactly("sales@fabrikam.example", "Lead@Fabrikam.example");
        assertThat(recipients(get(PATH, TestUser.referralsAdmin(partnerId))))
                .containsExactly("sales@fabrikam.example", "Lead@Fabrikam.example");
        assertThat(recipients(get(PATH, TestUser.partnerAdmin(uniquePartnerId())))).isEmpty();

        put(PATH, TestUser.partnerAdmin(partnerId), body(List.of()));
        assertThat(recipients(get(PATH, TestUser.referralsAdmin(partnerId)))).isEmpty();
    }

    @Test
    void onlyAPartnerAdminMayChangeThemWhateverItSends() {
        String partnerId = uniquePartnerId();
        referralRecipients(partnerId, "kept@fabrikam.example");
        TestUser referralsAdmin = TestUser.referralsAdmin(partnerId);

        for (String attempt : List.of(body(List.of("mine@fabrikam.example")), body(List.of("not an address")), "{")) {
            HttpResponse<String> response = put(PATH, referralsAdmin, attempt);
            assertThat(response.statusCode()).as(attempt).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(403);
        }
        assertThat(recipients(get(PATH, referralsAdmin))).containsExactly("kept@fabrikam.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not-an-address",
            "two@at@fabrikam.example",
            "Pat <pat@fabrikam.example>",
            "pat@fabrikam.example\r\nBcc: victim@attacker.example",
            "pat@fabrikam.example, victim@attacker.example",
            " pat@fabrikam.example",
            "@fabrikam.example",
            ""
    })
    void everyAddressIsCheckedAndAnInvalidOneIsNamed(String invalid) {
        String partnerId = uniquePartnerId();

        HttpResponse<String> response = put(PATH, TestUser.partnerAdmin(partnerId),
                body(List.of("ok@fabrikam.example", invalid)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("field").asString()).isEqualTo("referralRecipients[1]");
        assertThat(recipients(get(PATH, TestUser.partnerAdmin(partnerId)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", ";;;", "text/plain"})
    void aBodyNotDeclaredAsJsonAnswers415ProblemAndChangesNothing(String contentType) {
        TestUser admin = TestUser.partnerAdmin(uniquePartnerId());

        HttpResponse<String> response = put(PATH, admin, contentType, body(List.of("sales@fabrikam.example")));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(415);
        assertThat(recipients(get(PATH, admin))).isEmpty();
    }

    @Test
    void aMissingListTooManyAddressesOrABrokenBodyAnswer400() {
        TestUser admin = TestUser.partnerAdmin(uniquePartnerId());

        HttpResponse<String> missing = put(PATH, admin, "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("errors").get(0).get("field").asString())
                .isEqualTo("referralRecipients");
        HttpResponse<String> tooMany = put(PATH, admin, body(Collections.nCopies(51, "same@fabrikam.example")));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(put(PATH, admin, "{\"referralRecipients\": \"one@fabrikam.example\"").statusCode()).isEqualTo(400);
        assertThat(put(PATH, admin, "[]").statusCode()).isEqualTo(400);
        assertThat(put(PATH, null, body(List.of())).statusCode()).isEqualTo(401);
        assertThat(get(PATH, null).statusCode()).isEqualTo(401);
    }

    @Test
    void theMailLanguageIsEnglishUntilAnAdminChoosesItalianAndAPutWithoutItKeepsIt() {
        String partnerId = uniquePartnerId();
        TestUser admin = TestUser.partnerAdmin(partnerId);
        assertThat(language(get(PATH, TestUser.referralsAdmin(partnerId)))).isEqualTo("en");

        HttpResponse<String> saved = put(PATH, admin,
                JSON.writeValueAsString(Map.of("referralRecipients", List.of("sales@fabrikam.example"), "language", "it")));
        assertThat(language(saved)).isEqualTo("it");
        assertThat(language(get(PATH, TestUser.referralsAdmin(partnerId)))).isEqualTo("it");
        assertThat(language(get(PATH, TestUser.referralsAdmin(uniquePartnerId())))).isEqualTo("en");

        HttpResponse<String> withoutLanguage = put(PATH, admin, body(List.of("lead@fabrikam.example")));
        assertThat(recipients(withoutLanguage)).containsExactly("lead@fabrikam.example");
        assertThat(language(withoutLanguage)).isEqualTo("it");
        assertThat(language(put(PATH, admin, JSON.writeValueAsString(
                Map.of("referralRecipients", List.of(), "language", "en"))))).isEqualTo("en");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"fr\"", "\"IT\"", "\"it \"", "\"\"", "\"italiano\"", "1", "[\"it\"]"})
    void aLanguageOtherThanEnOrItIsNamedAndChangesNothing(String language) {
        String partnerId = uniquePartnerId();
        TestUser admin = TestUser.partnerAdmin(partnerId);

        HttpResponse<String> response = put(PATH, admin,
                "{\"referralRecipients\": [\"sales@fabrikam.example\"], \"language\": " + language + "}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        assertThat(errors).as(response.body()).isNotNull();
        assertThat(errors.get(0).get("field").asString()).isEqualTo("language");
        assertThat(recipients(get(PATH, admin))).isEmpty();
        assertThat(language(get(PATH, admin))).isEqualTo("en");
    }

    @Test
    void settingsSavedBeforeTheLanguageExistedReadAsEnglish() {
        String partnerId = uniquePartnerId();
        mongo.getCollection("notification_settings").insertOne(new Document("_id", partnerId)
                .append("referralRecipients", List.of("old@fabrikam.example")));

        HttpResponse<String> response = get(PATH, TestUser.referralsAdmin(partnerId));

        assertThat(recipients(response)).containsExactly("old@fabrikam.example");
        assertThat(language(response)).isEqualTo("en");
    }

    private static String language(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("language").asString();
    }

    private static String body(List<String> recipients) {
        return JSON.writeValueAsString(Map.of("referralRecipients", recipients));
    }

    private static List<String> recipients(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("referralRecipients").valueStream().map(JsonNode::asString).toList();
    }
}
