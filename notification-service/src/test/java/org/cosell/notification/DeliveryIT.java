package org.cosell.notification;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.cosell.notification.Events.Referral;
import org.cosell.testsupport.CosellServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** None lost, none twice: redelivery, an SMTP outage, and upstream text that tries to become a header. */
@CosellServiceTest
class DeliveryIT extends AbstractNotificationIT {

    @Test
    void aRedeliveredEventSendsEachMailOnce() {
        String partnerId = uniquePartnerId();
        String recipient = Mailboxes.unique("once");
        referralRecipients(partnerId, recipient);
        Referral referral = Referral.of(partnerId);
        Events.TestEvent received = Events.received(referral);
        publish(received);
        awaitMail(recipient);

        publish(received, received, Events.declined(referral));

        awaitMail(referral.senderEmail());
        assertThat(SmtpServer.messagesTo(recipient)).hasSize(1);
        assertThat(notifications(partnerId)).extracting(item -> item.get("kind").asString())
                .containsExactlyInAnyOrder("REFERRAL_RECEIVED", "REFERRAL_DECLINED");
    }

    @Test
    void mailRecordedWhileTheServerIsDownArrivesExactlyOnceWhenItIsBack() throws Exception {
        String partnerId = uniquePartnerId();
        String alice = Mailboxes.unique("alice");
        String bob = Mailboxes.unique("bob");
        referralRecipients(partnerId, alice, bob);
        List<Referral> referrals = IntStream.range(0, 3).mapToObj(i -> Referral.of(partnerId)).toList();

        SmtpServer.stop();
        try {
            referrals.forEach(referral -> publish(Events.received(referral)));

            List<JsonNode> pending = await("every mail recorded, some attempted and failed").atMost(TIMEOUT)
                    .until(() -> notifications(partnerId), items -> items.size() == 6
                            && items.stream().allMatch(item -> "PENDING".equals(item.get("status").asString()))
                            && items.stream().anyMatch(item -> item.get("attempts").asInt() >= 1));
            assertThat(pending).filteredOn(item -> item.get("attempts").asInt() >= 1)
                    .allSatisfy(item -> assertThat(item.get("reason").asString()).contains("unavailable"));
            await("the SMTP circuit breaker opens").atMost(TIMEOUT).until(
                    () -> metric("resilience4j_circuitbreaker_state{name=\"smtp\",state=\"open\"}"), open -> open == 1.0);
            assertThat(metric("cosell_mail_pending")).isGreaterThanOrEqualTo(6);
            assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);
        } finally {
            SmtpServer.start();
        }

        List<JsonNode> sent = await("every mail sent once the server is back").atMost(TIMEOUT)
                .until(() -> notifications(partnerId), items -> items.size() == 6
                        && items.stream().allMatch(item -> "SENT".equals(item.get("status").asString())));
        assertThat(sent).anySatisfy(item -> assertThat(item.get("attempts").asInt()).isGreaterThan(1));
        for (String recipient : List.of(alice, bob)) {
            List<MimeMessage> mails = SmtpServer.messagesTo(recipient);
            assertThat(mails).hasSize(3);
            assertThat(mails).extracting(MimeMessage::getSubject).doesNotHaveDuplicates();
        }
    }

    @Test
    void upstreamTextCannotAddRecipientsOrHeadersNorMarkup() throws Exception {
        String partnerId = uniquePartnerId();
        String recipient = Mailboxes.unique("target");
        referralRecipients(partnerId, recipient);
        String injection = "Contoso\r\nBcc: victim@attacker.example\r\nX-Injected: yes\r\n\r\n<script>alert(1)</script>";
        Referral referral = Referral.of(partnerId).named(injection, injection, injection);

        publish(Events.received(referral));

        MimeMessage mail = awaitMail(recipient);
        assertThat(mail.getSubject()).doesNotContain("\r", "\n").startsWith("New referral: Contoso Bcc: victim");
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getHeader("X-Injected")).isNull();
        assertThat(mail.getAllRecipients()).containsExactly(new InternetAddress(recipient));
        assertThat(htmlOf(mail)).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(SmtpServer.messagesToDomain("attacker.example")).isEmpty();
    }

    @Test
    void anAddressThatIsNotOneIsSkippedAndTheOthersStillGetTheirMail() {
        String partnerId = uniquePartnerId();
        UUID dealId = UUID.randomUUID();
        String good = Mailboxes.unique("good");
        String smuggled = "pat@fabrikam.example\r\nBcc: victim@attacker.example";

        publish(Events.engagementChanged(dealId, partnerId, "Deal", "DECLINED",
                List.of(smuggled, "Pat <pat@fabrikam.example>", "not-an-address", good)));

        awaitMail(good);
        List<JsonNode> log = await().atMost(TIMEOUT).until(() -> notifications(partnerId), items -> items.size() == 4);
        assertThat(log).filteredOn(item -> "SKIPPED".equals(item.get("status").asString()))
                .hasSize(3)
                .allSatisfy(item -> {
                    assertThat(item.get("reason").asString()).isEqualTo("Not a valid e-mail address");
                    assertThat(item.get("recipient").asString()).doesNotContain("\r", "\n");
                });
        assertThat(SmtpServer.messagesToDomain("attacker.example")).isEmpty();
    }
}
