package org.cosell.notification;

import org.cosell.notification.Events.Referral;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /api/notifications}: the caller's partner's mails only, newest first, in bounded pages. */
@CosellServiceTest
class NotificationLogIT extends AbstractNotificationIT {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Test
    void listsOnlyTheCallersPartnersMailsNewestFirstInPages() {
        String partnerId = uniquePartnerId();
        String otherPartnerId = uniquePartnerId();
        String recipient = Mailboxes.unique("log");
        String otherRecipient = Mailboxes.unique("other");
        referralRecipients(partnerId, recipient);
        referralRecipients(otherPartnerId, otherRecipient);
        Referral first = Referral.of(partnerId);
        Referral second = Referral.of(partnerId);
        Referral third = Referral.of(partnerId);
        publish(Events.received(first), Events.received(Referral.of(otherPartnerId)));
        awaitMail(recipient);
        publish(Events.received(second));
        awaitMails(recipient, 2);
        publish(Events.received(third));
        awaitMails(recipient, 3);
        awaitMail(otherRecipient);

        JsonNode page = await().atMost(TIMEOUT).until(
                () -> JSON.readTree(get("/api/notifications?page=0&size=2", TestUser.referralsAdmin(partnerId)).body()),
                body -> body.get("total").asLong() == 3);

        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(subjects(page)).containsExactly(subjectOf(third), subjectOf(second));
        JsonNode item = page.get("items").get(0);
        assertThat(item.get("recipient").asString()).isEqualTo(recipient);
        assertThat(item.get("kind").asString()).isEqualTo("REFERRAL_RECEIVED");
        assertThat(item.get("status").asString()).isIn("PENDING", "SENT");
        assertThat(item.get("createdAt").asString()).isNotBlank();
        JsonNode secondPage = JSON.readTree(get("/api/notifications?page=1&size=2",
                TestUser.partnerAdmin(partnerId)).body());
        assertThat(subjects(secondPage)).containsExactly(subjectOf(first));
        assertThat(JSON.readTree(get("/api/notifications", TestUser.referralsAdmin(otherPartnerId)).body())
                .get("items")).extracting(node -> node.get("recipient").asString()).containsExactly(otherRecipient);
        assertThat(JSON.readTree(get("/api/notifications", TestUser.referralsAdmin(uniquePartnerId())).body())
                .get("total").asLong()).isZero();
    }

    @Test
    void badPagingParametersAnswer400AndNoTokenAnswers401() {
        TestUser user = TestUser.referralsAdmin(uniquePartnerId());

        for (String query : List.of("size=0", "size=101", "page=-1", "page=x", "size=ten", "page=10001")) {
            HttpResponse<String> response = get("/api/notifications?" + query, user);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("errors")).as(query).isNotEmpty();
        }
        assertThat(get("/api/notifications", null).statusCode()).isEqualTo(401);
    }

    private static List<String> subjects(JsonNode page) {
        return page.get("items").valueStream().map(item -> item.get("subject").asString()).toList();
    }

    private static String subjectOf(Referral referral) {
        return "New referral: " + referral.dealName() + " for Contoso Ltd – answer by "
                + DAY.format(referral.respondBy());
    }
}
