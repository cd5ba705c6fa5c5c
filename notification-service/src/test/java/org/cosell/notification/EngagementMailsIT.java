package org.cosell.notification;

import jakarta.mail.internet.MimeMessage;
import org.cosell.testsupport.CosellServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** notification-service/README.md, "What it mails, when", the last row: Microsoft engages, declines or lets a co-sell request expire — the deal's employees hear. */
@CosellServiceTest
class EngagementMailsIT extends AbstractNotificationIT {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ENGAGED  | Microsoft engaged on Fabrikam data estate for Northwind Traders                          | plan the next steps",
            "DECLINED | Microsoft declined to co-sell Fabrikam data estate for Northwind Traders                 | carry on without Microsoft's help",
            "EXPIRED  | No Microsoft answer on Fabrikam data estate for Northwind Traders: co-sell request expired | so the request has expired"
    })
    void anEngagementAnswerIsMailedToEveryEmployeeOfTheDeal(String status, String subject, String whatToDo)
            throws Exception {
        String partnerId = uniquePartnerId();
        UUID dealId = UUID.randomUUID();
        String pat = Mailboxes.unique("pat");
        String kim = Mailboxes.unique("kim");

        publish(Events.dealCreated(dealId, partnerId, "Fabrikam data estate", "Northwind Traders"),
                Events.engagementChanged(dealId, partnerId, "Fabrikam data estate", status, List.of(pat, kim)));

        for (String employee : List.of(pat, kim)) {
            MimeMessage mail = awaitMail(employee);
            assertThat(mail.getSubject()).isEqualTo(subject);
            for (String body : List.of(textOf(mail), htmlOf(mail))) {
                assertThat(body).contains("Fabrikam data estate", "Northwind Traders", "480,000.00 EUR", whatToDo);
            }
            assertLinksTheOpportunity(mail, dealId);
        }
        assertThat(notifications(partnerId)).extracting(item -> item.get("kind").asString())
                .containsOnly("ENGAGEMENT_" + status).hasSize(2);
    }

    @Test
    void namesTheMicrosoftSellerToContactWhenMicrosoftEngages() {
        String partnerId = uniquePartnerId();
        UUID dealId = UUID.randomUUID();
        String pat = Mailboxes.unique("pat");

        publish(Events.engagementChanged(dealId, partnerId, "Unseen deal", "ENGAGED", List.of(pat)));

        String text = textOf(awaitMail(pat));
        assertThat(text).contains("Mia Microsoft", "mia@microsoft.example", "Happy to help", "Unseen deal")
                .doesNotContain("Customer:");
    }

    @Test
    void aRequestStillWaitingForMicrosoftSendsNothing() {
        String partnerId = uniquePartnerId();
        UUID dealId = UUID.randomUUID();
        String waiting = Mailboxes.unique("waiting");
        String answered = Mailboxes.unique("answered");

        publish(Events.engagementChanged(dealId, partnerId, "Pending deal", "REQUESTED", List.of(waiting)),
                Events.engagementChanged(dealId, partnerId, "Pending deal", "ENGAGED", List.of(answered)));

        awaitMail(answered);
        assertThat(SmtpServer.messagesTo(waiting)).isEmpty();
        assertThat(notifications(partnerId)).extracting(item -> item.get("recipient").asString())
                .containsExactly(answered);
    }
}
