package org.cosell.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.Topics;
import org.cosell.notification.Events.Referral;
import org.cosell.notification.Events.TestEvent;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.KafkaTestClient;
import org.cosell.testsupport.TopicRecorder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many referrals arriving at once, as the listener sees them: many {@code received} events in one
 * poll, handled together. Each mail once, whatever arrives next to it or arrives again.
 */
@CosellServiceTest
class ReceivedBurstIT extends AbstractNotificationIT {

    @Test
    void aBurstOfReceivedReferralsIsRecordedAndMailedOncePerReferralAndRecipient() {
        double skippedBefore = metric("cosell_mail_skipped_total{kind=\"REFERRAL_RECEIVED\"");
        String onePartner = uniquePartnerId();
        String twoRecipientsPartner = uniquePartnerId();
        String silentPartner = uniquePartnerId();
        String alice = Mailboxes.unique("alice");
        String bob = Mailboxes.unique("bob");
        String carol = Mailboxes.unique("carol");
        referralRecipients(onePartner, alice);
        referralRecipients(twoRecipientsPartner, bob, carol);
        List<TestEvent> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(Events.received(Referral.of(onePartner)));
            if (i < 10) {
                burst.add(Events.received(Referral.of(twoRecipientsPartner)));
            }
            if (i < 10) {
                burst.add(Events.received(Referral.of(silentPartner)));
            }
        }

        publishInOneBatch(burst);

        awaitSent(onePartner, 20);
        awaitSent(twoRecipientsPartner, 20);
        assertThat(SmtpServer.messagesTo(alice)).hasSize(20).extracting(ReceivedBurstIT::subject).doesNotHaveDuplicates();
        assertThat(SmtpServer.messagesTo(bob)).hasSize(10).extracting(ReceivedBurstIT::subject).doesNotHaveDuplicates();
        assertThat(SmtpServer.messagesTo(carol)).hasSize(10);
        List<JsonNode> skipped = await().atMost(TIMEOUT).until(() -> notifications(silentPartner),
                items -> items.size() == 10);
        assertThat(skipped).allSatisfy(item -> {
            assertThat(item.get("status").asString()).isEqualTo("SKIPPED");
            assertThat(item.get("reason").asString()).contains("no referralRecipients");
            assertThat(item.get("subject").asString()).startsWith("New referral: Contoso AI rollout");
        });
        await().atMost(TIMEOUT).until(() -> metric("cosell_mail_skipped_total{kind=\"REFERRAL_RECEIVED\""),
                skippedNow -> skippedNow >= skippedBefore + 10);
    }

    @Test
    void anUnreadableRecordAmidABurstIsDeadLetteredWithItsReasonAndTheRecordsAroundItAreHandled() {
        String poison = "{ this is not json";

        ConsumerRecord<String, String> dead = deadLetteredAmidABurst(poison);

        assertThat(KafkaTestClient.header(dead, Topics.ERROR_HEADER)).startsWith("not JSON");
        assertThat(dead.value()).isEqualTo(poison);
    }

    @Test
    void aReceivedEventWithoutItsOpportunityAmidABurstIsDeadLetteredWithItsReasonAndTheRecordsAroundItAreHandled() {
        TestEvent poison = Events.received(Referral.of(uniquePartnerId())).withoutData("opportunityId");

        ConsumerRecord<String, String> dead = deadLetteredAmidABurst(poison.json());

        assertThat(KafkaTestClient.header(dead, Topics.ERROR_HEADER)).isEqualTo("data.opportunityId: is required");
        assertThat(dead.value()).contains(poison.id());
    }

    @Test
    void aReceivedEventForAPartnerIdThatIsNoMpnIdAmidABurstIsDeadLetteredAloneAndAtOnce() {
        TestEvent poison = Events.received(Referral.of("x".repeat(10_000)));

        ConsumerRecord<String, String> dead = deadLetteredAmidABurst(poison.json());

        assertThat(KafkaTestClient.header(dead, Topics.ERROR_HEADER)).isEqualTo("data.partnerId: must be an MPN id (digits)");
        assertThat(dead.value()).contains(poison.id());
    }

    @Test
    void aRedeliveredBurstRecordsNothingTwiceAndSendsNoMailTwice() {
        String partnerId = uniquePartnerId();
        String recipient = Mailboxes.unique("once");
        referralRecipients(partnerId, recipient);
        String key = "burst-" + UUID.randomUUID();
        List<TestEvent> burst = IntStream.range(0, 10)
                .mapToObj(i -> Events.received(Referral.of(partnerId)).keyed(key)).toList();
        publishInOneBatch(burst);
        awaitSent(partnerId, 10);

        List<TestEvent> again = new ArrayList<>(burst);
        again.addAll(burst);
        TestEvent last = Events.received(Referral.of(partnerId)).keyed(key);
        again.add(last);
        try (TopicRecorder deadLetters = kafka.records(Topics.deadLetter(Topics.REFERRAL_EVENTS))) {
            publishInOneBatch(again);

            List<JsonNode> log = awaitSent(partnerId, 11);
            assertThat(log).extracting(item -> item.get("attempts").asInt()).containsOnly(1);
            assertThat(SmtpServer.messagesTo(recipient)).hasSize(11)
                    .extracting(ReceivedBurstIT::subject).doesNotHaveDuplicates();
            assertThat(deadLetters.all()).noneMatch(record -> key.equals(record.key()));
        }
    }

    @Test
    void anEventAfterReceivedOnesInThePollSeesWhatTheyRecorded() {
        String partnerId = uniquePartnerId();
        Referral declined = Referral.of(partnerId);
        Referral other = Referral.of(partnerId);
        String key = declined.id().toString();

        publishInOneBatch(List.of(Events.received(declined), Events.declined(declined),
                Events.received(other).keyed(key)));

        MimeMessage mail = awaitMail(declined.senderEmail());
        assertThat(subject(mail)).isEqualTo("Your referral " + declined.dealName() + " for Contoso Ltd was declined");
        assertThat(await().atMost(TIMEOUT).until(() -> notifications(partnerId), items -> items.size() == 3))
                .extracting(item -> item.get("kind").asString())
                .containsExactlyInAnyOrder("REFERRAL_RECEIVED", "REFERRAL_RECEIVED", "REFERRAL_DECLINED");
    }

    /**
     * Publishes a burst with {@code poison} in its middle, all under one key so the listener gets
     * them in one poll and in order; answers the poison's dead letter once the referrals before
     * and after it are mailed.
     */
    private ConsumerRecord<String, String> deadLetteredAmidABurst(String poison) {
        String partnerId = uniquePartnerId();
        String recipient = Mailboxes.unique("around");
        referralRecipients(partnerId, recipient);
        String key = "burst-" + UUID.randomUUID();
        List<TestEvent> before = IntStream.range(0, 3).mapToObj(i -> Events.received(Referral.of(partnerId)).keyed(key)).toList();
        List<TestEvent> after = IntStream.range(0, 3).mapToObj(i -> Events.received(Referral.of(partnerId)).keyed(key)).toList();
        try (TopicRecorder deadLetters = kafka.records(Topics.deadLetter(Topics.REFERRAL_EVENTS))) {
            inOneBatch(() -> {
                before.forEach(this::publish);
                kafka.send(Topics.REFERRAL_EVENTS, key, poison);
                after.forEach(this::publish);
            });

            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(record -> key.equals(record.key()), TIMEOUT);
            awaitSent(partnerId, 6);
            assertThat(SmtpServer.messagesTo(recipient)).hasSize(6);
            assertThat(deadLetters.all()).filteredOn(record -> key.equals(record.key())).hasSize(1);
            return dead;
        }
    }

    /** Waits until the partner's log holds {@code count} mails, all SENT, and answers it. */
    private List<JsonNode> awaitSent(String partnerId, int count) {
        return await("%d mails of %s sent".formatted(count, partnerId)).atMost(TIMEOUT)
                .until(() -> notifications(partnerId), items -> items.size() == count
                        && items.stream().allMatch(item -> "SENT".equals(item.get("status").asString())));
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
