package org.cosell.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.cosell.notification.Events.Referral;
import org.cosell.notification.delivery.Notification;
import org.cosell.testsupport.CosellServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** notification-service/README.md, "What it mails, when", the referral rows: received, accepted, declined, expired, and the reminder. */
@CosellServiceTest
class ReferralMailsIT extends AbstractNotificationIT {

    private static final DateTimeFormatter RESPOND_BY =
            DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Autowired
    MongoTemplate mongo;

    @Test
    void aReceivedReferralIsMailedToEveryReferralRecipientAsTextAndHtml() throws Exception {
        String partnerId = uniquePartnerId();
        String alice = Mailboxes.unique("alice");
        String bob = Mailboxes.unique("bob");
        referralRecipients(partnerId, alice, bob);
        Referral referral = Referral.of(partnerId);

        publish(Events.received(referral));

        for (String recipient : List.of(alice, bob)) {
            MimeMessage mail = awaitMail(recipient);
            assertThat(mail.getSubject()).contains(referral.dealName(), "Contoso Ltd");
            assertThat(mail.getContentType()).startsWith("multipart/alternative");
            assertThat(mail.getFrom()).containsExactly(new InternetAddress("no-reply@cosell.example", "Cosell"));
            assertThat(mail.getRecipients(MimeMessage.RecipientType.TO)).containsExactly(new InternetAddress(recipient));
            for (String body : List.of(textOf(mail), htmlOf(mail))) {
                assertThat(body).contains(referral.dealName(), "Contoso Ltd", "25,000.00 USD", "Sam Seller",
                        "accept or decline", RESPOND_BY.format(referral.respondBy()));
            }
            assertLinksTheOpportunity(mail, referral.id());
        }
        List<JsonNode> log = await().atMost(TIMEOUT).until(() -> notifications(partnerId),
                items -> items.size() == 2 && items.stream().allMatch(item -> "SENT".equals(item.get("status").asString())));
        assertThat(log).extracting(item -> item.get("recipient").asString()).containsExactlyInAnyOrder(alice, bob);
        assertThat(log).allSatisfy(item -> {
            assertThat(item.get("kind").asString()).isEqualTo("REFERRAL_RECEIVED");
            assertThat(item.get("attempts").asInt()).isEqualTo(1);
            assertThat(item.get("subject").asString()).contains(referral.dealName());
            assertThat(item.get("sentAt").isNull()).isFalse();
        });
    }

    @Test
    void eachMailIsRecordedInTheTraceOfItsEventSoThatSendingItContinuesThatTrace() {
        String partnerId = uniquePartnerId();
        referralRecipients(partnerId, Mailboxes.unique("alice"));
        Referral referral = Referral.of(partnerId);
        Events.TestEvent received = Events.received(referral);
        Events.TestEvent declined = Events.declined(referral);
        String receivedTrace = UUID.randomUUID().toString().replace("-", "");
        String declinedTrace = UUID.randomUUID().toString().replace("-", "");

        kafka.send(received.topic(), received.key(), received.json(), Map.of("traceparent", traceparent(receivedTrace)));
        kafka.send(declined.topic(), declined.key(), declined.json(), Map.of("traceparent", traceparent(declinedTrace)));

        List<Notification> recorded = await().atMost(TIMEOUT).until(
                () -> mongo.find(Query.query(Criteria.where("partnerId").is(partnerId)), Notification.class),
                mails -> mails.size() == 2);
        assertThat(recorded).allSatisfy(mail -> assertThat(mail.traceparent())
                .startsWith("00-" + (mail.eventId().equals(received.id()) ? receivedTrace : declinedTrace) + "-")
                .endsWith("-01"));
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + traceId.substring(0, 16) + "-01";
    }

    @Test
    void anAcceptedReferralIsMailedToItsSenderWithTheDealAsAccepted() {
        String partnerId = uniquePartnerId();
        Referral referral = Referral.of(partnerId);

        publish(Events.received(referral), Events.accepted(referral, "Contoso AI, phase one"));

        MimeMessage mail = awaitMail(referral.senderEmail());
        assertThat(subject(mail)).isEqualTo("Your referral Contoso AI, phase one for Contoso Ltd was accepted");
        assertThat(textOf(mail)).contains("accepted your referral", "25,000.00 USD", "Pat Partner",
                "pat@fabrikam.example");
        assertLinksTheOpportunity(mail, referral.id());
    }

    @Test
    void aDeclinedReferralIsMailedToItsSenderWithTheReason() {
        String partnerId = uniquePartnerId();
        Referral referral = Referral.of(partnerId);

        publish(Events.received(referral), Events.declined(referral));

        MimeMessage mail = awaitMail(referral.senderEmail());
        assertThat(subject(mail)).isEqualTo("Your referral " + referral.dealName() + " for Contoso Ltd was declined");
        assertThat(textOf(mail)).contains("no capacity to take it on", "Fully booked until June", "25,000.00 USD",
                "offer the referral to another partner");
        assertLinksTheOpportunity(mail, referral.id());
    }

    @Test
    void anExpiredReferralIsMailedToItsSenderAndToTheReferralRecipients() {
        String partnerId = uniquePartnerId();
        String recipient = Mailboxes.unique("carol");
        referralRecipients(partnerId, recipient);
        Referral referral = Referral.of(partnerId);

        publish(Events.received(referral), Events.expired(referral));

        MimeMessage toSender = awaitMail(referral.senderEmail());
        assertThat(subject(toSender)).endsWith("expired without an answer").startsWith("Your referral");
        assertThat(textOf(toSender)).contains(referral.dealName(), "Contoso Ltd", "25,000.00 USD",
                RESPOND_BY.format(referral.respondBy()));
        List<MimeMessage> toPartner = awaitMails(recipient, 2);
        assertThat(toPartner).extracting(ReferralMailsIT::subject)
                .containsExactly(subject(toPartner.get(0)), "Referral " + referral.dealName()
                        + " for Contoso Ltd expired without an answer");
        assertThat(textOf(toPartner.get(1))).contains("can no longer be accepted", referral.senderEmail());
        assertLinksTheOpportunity(toSender, referral.id());
        assertLinksTheOpportunity(toPartner.get(1), referral.id());
    }

    @Test
    void aReminderGoesToTheReferralRecipientsWhileTheReferralIsUnanswered() {
        String partnerId = uniquePartnerId();
        String recipient = Mailboxes.unique("dave");
        referralRecipients(partnerId, recipient);
        Referral referral = Referral.of(partnerId);
        publish(Events.received(referral));
        awaitMail(recipient);

        publish(Events.due("REFERRAL_REMINDER", referral.id(), partnerId, referral.id().toString()));

        MimeMessage reminder = awaitMails(recipient, 2).get(1);
        assertThat(subject(reminder)).isEqualTo("Reminder: referral " + referral.dealName() + " for Contoso Ltd expires "
                + RESPOND_BY.format(referral.respondBy()));
        assertThat(htmlOf(reminder)).contains("still waiting for your answer", RESPOND_BY.format(referral.respondBy()),
                "25,000.00 USD");
        assertLinksTheOpportunity(reminder, referral.id());
        assertThat(notifications(partnerId)).extracting(item -> item.get("kind").asString())
                .containsExactly("REFERRAL_REMINDER", "REFERRAL_RECEIVED");
    }

    @Test
    void noReminderForAnAnsweredReferralAndNoMailForTheOtherDeadlines() {
        String partnerId = uniquePartnerId();
        String recipient = Mailboxes.unique("erin");
        referralRecipients(partnerId, recipient);
        Referral answered = Referral.of(partnerId);
        Referral open = Referral.of(partnerId);
        publish(Events.received(answered), Events.received(open), Events.accepted(answered, "Answered"));
        awaitMails(recipient, 2);
        awaitMail(answered.senderEmail());

        String key = answered.id().toString();
        publish(Events.due("REFERRAL_REMINDER", answered.id(), partnerId, key),
                Events.due("REFERRAL_RESPONSE", open.id(), partnerId, key),
                Events.due("ENGAGEMENT_RESPONSE", open.id(), partnerId, key),
                Events.due("REFERRAL_REMINDER", open.id(), partnerId, key));

        List<MimeMessage> mails = awaitMails(recipient, 3);
        assertThat(mails).extracting(ReferralMailsIT::subject).filteredOn(subject -> subject.startsWith("Reminder"))
                .containsExactly("Reminder: referral " + open.dealName() + " for Contoso Ltd expires "
                        + RESPOND_BY.format(open.respondBy()));
        assertThat(notifications(partnerId)).extracting(item -> item.get("kind").asString())
                .containsExactlyInAnyOrder("REFERRAL_RECEIVED", "REFERRAL_RECEIVED", "REFERRAL_ACCEPTED",
                        "REFERRAL_REMINDER");
    }

    @Test
    void withoutReferralRecipientsTheMailIsRecordedAsSkippedAndCounted() {
        double skippedBefore = metric("cosell_mail_skipped_total{kind=\"REFERRAL_RECEIVED\"");
        String partnerId = uniquePartnerId();
        Referral referral = Referral.of(partnerId);

        publish(Events.received(referral));

        JsonNode skipped = await().atMost(TIMEOUT).until(() -> notifications(partnerId), items -> items.size() == 1)
                .get(0);
        assertThat(skipped.get("status").asString()).isEqualTo("SKIPPED");
        assertThat(skipped.get("kind").asString()).isEqualTo("REFERRAL_RECEIVED");
        assertThat(skipped.get("recipient").isNull()).isTrue();
        assertThat(skipped.get("reason").asString()).contains("no referralRecipients");
        assertThat(skipped.get("attempts").asInt()).isZero();
        await().atMost(TIMEOUT).until(() -> metric("cosell_mail_skipped_total{kind=\"REFERRAL_RECEIVED\""),
                skippedNow -> skippedNow >= skippedBefore + 1);
    }

    @Test
    void exposesMailCountersTheBacklogAndTheCircuitBreakerState() {
        double sentBefore = metric("cosell_mail_sent_total{kind=\"REFERRAL_DECLINED\"");
        Referral referral = Referral.of(uniquePartnerId());

        publish(Events.declined(referral));

        awaitMail(referral.senderEmail());
        await().atMost(TIMEOUT).until(() -> metric("cosell_mail_sent_total{kind=\"REFERRAL_DECLINED\""),
                sent -> sent >= sentBefore + 1);
        String metrics = management("/actuator/prometheus").body();
        assertThat(metrics).contains("cosell_mail_failed_total{kind=\"ENGAGEMENT_EXPIRED\"", "cosell_mail_pending ",
                "resilience4j_circuitbreaker_state{name=\"smtp\",state=\"closed\"", "resilience4j_retry_calls_total");
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
