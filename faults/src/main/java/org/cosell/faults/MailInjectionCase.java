package org.cosell.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import jakarta.mail.Header;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.cosell.contracts.Topics;

/**
 * Upstream strings with HTML and CR/LF in an offered referral's sender, customer, deal name and
 * notes, reaching the partner's "received" mail and the sender's "declined" mail: in HTML they are
 * escaped, no header is injected, no extra recipient gets mail, the subject stays one line. A
 * sender e-mail address carrying CR/LF is refused at the door (dead-lettered).
 */
final class MailInjectionCase implements FaultCase {

    private static final String PARTNER = "7100005";
    private static final String RECIPIENT = "inbox@partner-mail.example";
    private static final String SENDER = "eve@upstream-mail.example";
    /** Markup of the upstream strings that would be live if it reached the HTML unescaped. */
    private static final List<String> ACTIVE_HTML = List.of("<script", "<img", "<b>body</b>", "<i>x</i>");

    @Override
    public String name() {
        return "mail-injection";
    }

    @Override
    public String kind() {
        return "security";
    }

    @Override
    public String description() {
        return "HTML and CR/LF in sender, customer and deal names reach two mails: escaped, no injected header or recipient";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Api api = stack.api();
        String admin = api.token("mail-admin", PARTNER, "MPN_PARTNER_ADMIN");
        Api.Response settings = api.send("PUT", Api.GATEWAY + "/api/notification-settings", admin,
                api.write(Bodies.settings(RECIPIENT)));
        report.expect(settings.status() == 200, "setting the recipients answered %s", settings.shortly());

        String referralId = "INJECT-" + UUID.randomUUID();
        String badSenderId = "INJECT-BAD-SENDER-" + UUID.randomUUID();
        Upstream upstream = stack.upstream();
        upstream.sendOffer(upstream.offer(referralId, PARTNER, data -> {
            data.withObjectProperty("sender").put("name", "Eve <script>alert('sender')</script>\r\nBcc: victim1@evil.example");
            data.withObjectProperty("sender").put("email", SENDER);
            data.withObjectProperty("customer").put("name",
                    "<img src=x onerror=alert(1)>Contoso\r\nX-Injected: yes\r\n\r\n<b>body</b>");
            data.withObjectProperty("deal").put("name", "Deal " + referralId + "\r\nSubject: spoofed\r\nBcc: victim2@evil.example <i>x</i>");
            data.withObjectProperty("deal").put("notes", "</blockquote><script>alert(3)</script>\r\nTo: victim3@evil.example");
        }));
        upstream.sendOffer(upstream.offer(badSenderId, PARTNER, data ->
                data.withObjectProperty("sender").put("email", "eve@upstream-mail.example\r\nBcc: victim4@evil.example")));
        upstream.flush();

        List<String> opportunity = new ArrayList<>();
        Await.until(Duration.ofSeconds(60), () -> "waiting for the referral", () -> {
            stack.events().on(Topics.REFERRAL_EVENTS, record -> record.isReceived() && referralId.equals(record.referralId()))
                    .forEach(record -> opportunity.add(record.subjectId()));
            return !opportunity.isEmpty();
        });
        report.expect(!opportunity.isEmpty(), "the referral with HTML and CR/LF in its names was not taken in");
        boolean deadLettered = Await.until(Duration.ofSeconds(30), () -> "waiting for the dead letter",
                () -> !stack.events().on(Topics.deadLetter(Topics.REFERRALS_INBOUND), record -> badSenderId.equals(record.key())
                        && record.error() != null).isEmpty());
        report.expect(deadLettered, "a sender e-mail with CR/LF was not dead-lettered");
        report.expect(stack.db().referrals().countDocuments(new Document("referralId", badSenderId)) == 0,
                "a sender e-mail with CR/LF was stored");
        if (opportunity.isEmpty()) {
            return report.sent(2).result();
        }
        Await.until(Duration.ofSeconds(30), () -> "waiting for deal-service", () ->
                api.get(Api.GATEWAY + "/api/opportunities/" + opportunity.get(0), admin).status() == 200);
        Api.Response declined = api.send("POST", Api.GATEWAY + "/api/referrals/" + opportunity.get(0) + "/decline", admin,
                api.write(Bodies.decline()));
        report.expect(declined.status() == 200, "declining answered %s", declined.shortly());

        Await.until(Duration.ofSeconds(90), () -> mails(stack, referralId).size() + " of 2 mails", () -> mails(stack, referralId).size() >= 2);
        Await.sleep(Duration.ofSeconds(3));
        List<MailCatcher.Delivery> mails = mails(stack, referralId);
        report.expect(mails.size() == 2, "expected 2 mails (received to the partner, declined to the sender), got %d", mails.size());
        Set<String> recipients = stack.mail().deliveries(delivery -> delivery.recipient().contains("evil.example")).stream()
                .map(MailCatcher.Delivery::recipient).collect(Collectors.toSet());
        report.expect(recipients.isEmpty(), "mail went to injected recipients %s", recipients);
        long attacks = 2;
        long refused = (deadLettered ? 1 : 0) + (recipients.isEmpty() ? 1 : 0);
        for (MailCatcher.Delivery mail : mails) {
            attacks += 3;
            refused += inspect(report, mail) ;
        }
        report.note("%d mails checked (to %s): headers, recipients, subject line and HTML escaping",
                mails.size(), mails.stream().map(MailCatcher.Delivery::recipient).toList());
        return report.sent(attacks).arrived(attacks - refused).refused(refused).result();
    }

    /** Checks one mail: no injected header, one-line subject, no active HTML; answers how many of the three held. */
    private static int inspect(CaseReport report, MailCatcher.Delivery delivery) throws Exception {
        MimeMessage message = delivery.message();
        int held = 0;
        List<String> headerNames = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            headerNames.add(header.getName().toLowerCase(Locale.ROOT));
        }
        boolean headersClean = !headerNames.contains("x-injected") && !headerNames.contains("bcc")
                && Collections.frequency(headerNames, "subject") == 1 && Collections.frequency(headerNames, "to") == 1;
        held += report.expect(headersClean, "mail to %s has injected headers: %s", delivery.recipient(), headerNames) ? 1 : 0;
        String subject = message.getSubject();
        held += report.expect(subject != null && subject.indexOf('\r') < 0 && subject.indexOf('\n') < 0,
                "mail to %s has a subject over several lines: %s", delivery.recipient(), subject) ? 1 : 0;
        MailText text = delivery.text();
        String html = text.html().toLowerCase(Locale.ROOT);
        List<String> active = ACTIVE_HTML.stream().filter(html::contains).toList();
        boolean escaped = active.isEmpty() && (html.contains("&lt;script") || html.contains("&lt;img"));
        held += report.expect(escaped, "mail to %s carries active HTML %s (or shows none of it escaped)", delivery.recipient(), active)
                ? 1 : 0;
        return held;
    }

    private static List<MailCatcher.Delivery> mails(Stack stack, String referralId) {
        return stack.mail().deliveries(delivery -> delivery.text().mentions(referralId));
    }
}
