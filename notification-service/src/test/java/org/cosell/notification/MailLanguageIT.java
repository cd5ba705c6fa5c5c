package org.cosell.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.cosell.notification.Events.Referral;
import org.cosell.notification.mail.MailKind;
import org.cosell.testsupport.CosellServiceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partner's mail language, end to end: every kind of mail as it reaches the mail server, for a
 * partner whose people read Italian, English, or never chose. The partner's people read their
 * language; a referral's sender reads English whatever the partner chose. Every mail links its
 * opportunity's page in the portal.
 */
@CosellServiceTest
class MailLanguageIT extends AbstractNotificationIT {

    private static final DateTimeFormatter ITALIAN_TIME = DateTimeFormatter
            .ofPattern("EEEE d MMMM uuuu 'alle' HH:mm 'UTC'", Locale.ITALIAN).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ITALIAN_DATE = DateTimeFormatter
            .ofPattern("EEEE d MMMM uuuu", Locale.ITALIAN).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter
            .ofPattern("d MMM uuuu, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter
            .ofPattern("d MMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** One mail as it arrived, with the opportunity it is about and the subject it should have in each language. */
    private record Received(MimeMessage mail, UUID opportunityId, String englishSubject, String italianSubject) {
    }

    @ParameterizedTest(name = "language {0}")
    @ValueSource(strings = {"it", "en"})
    @NullSource
    void everyKindReachesThePartnersPeopleInTheirLanguageAndTheSenderInEnglish(String language) throws Exception {
        String partnerId = uniquePartnerId();
        String recipient = Mailboxes.unique("referrals");
        if (language == null) {
            referralRecipients(partnerId, recipient);
        } else {
            notificationSettings(partnerId, language, recipient);
        }
        Map<MailKind, Received> mails = new EnumMap<>(MailKind.class);
        referralMails(partnerId, recipient, mails);
        engagementMails(partnerId, mails);

        assertThat(mails).containsOnlyKeys(MailKind.values());
        mails.forEach((kind, received) -> {
            boolean italian = "it".equals(language) && kind.readByPartner();
            try {
                assertWrittenIn(italian, kind, received);
            } catch (Exception e) {
                throw new AssertionError(kind + ": " + e, e);
            }
        });
    }

    /** Received, reminded, expired; and two more referrals, one accepted, one declined. */
    private void referralMails(String partnerId, String recipient, Map<MailKind, Received> mails) {
        Referral expiring = Referral.of(partnerId);
        Instant respondBy = expiring.respondBy();
        String deal = expiring.dealName();
        publish(Events.received(expiring));
        mails.put(MailKind.REFERRAL_RECEIVED, new Received(awaitMails(recipient, 1).get(0), expiring.id(),
                "New referral: " + deal + " for Contoso Ltd – answer by " + ENGLISH_DATE.format(respondBy),
                "Nuova segnalazione: " + deal + " per Contoso Ltd – risposta entro " + ITALIAN_DATE.format(respondBy)));

        publish(Events.due("REFERRAL_REMINDER", expiring.id(), partnerId, expiring.id().toString()));
        mails.put(MailKind.REFERRAL_REMINDER, new Received(awaitMails(recipient, 2).get(1), expiring.id(),
                "Reminder: referral " + deal + " for Contoso Ltd expires " + ENGLISH_TIME.format(respondBy),
                "Promemoria: la segnalazione " + deal + " per Contoso Ltd scade " + ITALIAN_TIME.format(respondBy)));

        publish(Events.expired(expiring));
        mails.put(MailKind.REFERRAL_EXPIRED_PARTNER, new Received(awaitMails(recipient, 3).get(2), expiring.id(),
                "Referral " + deal + " for Contoso Ltd expired without an answer",
                "Segnalazione " + deal + " per Contoso Ltd scaduta senza risposta"));
        mails.put(MailKind.REFERRAL_EXPIRED_SENDER, new Received(awaitMail(expiring.senderEmail()), expiring.id(),
                "Your referral " + deal + " for Contoso Ltd expired without an answer", null));

        Referral accepted = Referral.of(partnerId);
        Referral declined = Referral.of(partnerId);
        publish(Events.received(accepted), Events.accepted(accepted, "Contoso AI, phase one"),
                Events.received(declined), Events.declined(declined));
        mails.put(MailKind.REFERRAL_ACCEPTED, new Received(awaitMail(accepted.senderEmail()), accepted.id(),
                "Your referral Contoso AI, phase one for Contoso Ltd was accepted", null));
        mails.put(MailKind.REFERRAL_DECLINED, new Received(awaitMail(declined.senderEmail()), declined.id(),
                "Your referral " + declined.dealName() + " for Contoso Ltd was declined", null));
    }

    /** Microsoft engages on one deal, declines another and lets a third request expire. */
    private void engagementMails(String partnerId, Map<MailKind, Received> mails) {
        for (String status : List.of("ENGAGED", "DECLINED", "EXPIRED")) {
            UUID dealId = UUID.randomUUID();
            String employee = Mailboxes.unique("employee");
            String deal = "Fabrikam data estate " + status.toLowerCase(Locale.ROOT);
            publish(Events.dealCreated(dealId, partnerId, deal, "Northwind Traders"),
                    Events.engagementChanged(dealId, partnerId, deal, status, List.of(employee)));
            MimeMessage mail = awaitMail(employee);
            switch (status) {
                case "ENGAGED" -> mails.put(MailKind.ENGAGEMENT_ENGAGED, new Received(mail, dealId,
                        "Microsoft engaged on " + deal + " for Northwind Traders",
                        "Co-sell con Microsoft avviato: " + deal + " per Northwind Traders"));
                case "DECLINED" -> mails.put(MailKind.ENGAGEMENT_DECLINED, new Received(mail, dealId,
                        "Microsoft declined to co-sell " + deal + " for Northwind Traders",
                        "Co-sell rifiutato da Microsoft: " + deal + " per Northwind Traders"));
                default -> mails.put(MailKind.ENGAGEMENT_EXPIRED, new Received(mail, dealId,
                        "No Microsoft answer on " + deal + " for Northwind Traders: co-sell request expired",
                        "Richiesta di co-sell scaduta: nessuna risposta da Microsoft su " + deal
                                + " per Northwind Traders"));
            }
        }
    }

    private static void assertWrittenIn(boolean italian, MailKind kind, Received received) throws MessagingException {
        MimeMessage mail = received.mail();
        String text = textOf(mail);
        String html = htmlOf(mail);
        String page = PORTAL_URL + "/opportunities/" + received.opportunityId();
        boolean aboutADeal = kind.name().startsWith("ENGAGEMENT");
        if (italian) {
            assertThat(mail.getSubject()).isEqualTo(received.italianSubject());
            assertThat(text).containsPattern(Pattern.quote("Apri l'opportunità in Cosell: " + page) + "\\s");
            assertThat(text).contains("Come procedere: ",
                    aboutADeal ? "Valore stimato:  480.000,00 EUR" : "Valore stimato:  25.000,00 USD")
                    .doesNotContain("What you can do", "Open it in Cosell", "Estimated value");
            assertThat(html).contains("<html lang=\"it\">", "<strong>Come procedere:</strong>",
                    "<a href=\"" + page + "\" style=\"color:#0f6cbd;\">Apri l'opportunità in Cosell</a>",
                    "E-mail inviata da Cosell").doesNotContain("What you can do", "Sent by Cosell");
        } else {
            assertThat(mail.getSubject()).isEqualTo(received.englishSubject());
            assertThat(text).containsPattern(Pattern.quote("Open it in Cosell: " + page) + "\\s");
            assertThat(text).contains("What you can do: ",
                    aboutADeal ? "Estimated value: 480,000.00 EUR" : "Estimated value: 25,000.00 USD")
                    .doesNotContain("Come procedere", "Apri l'opportunità", "Valore stimato");
            assertThat(html).contains("<html lang=\"en\">", "<strong>What you can do:</strong>",
                    "<a href=\"" + page + "\" style=\"color:#0f6cbd;\">Open it in Cosell</a>", "Sent by Cosell")
                    .doesNotContain("Come procedere", "E-mail inviata da Cosell");
        }
    }
}
