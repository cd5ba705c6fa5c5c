package org.cosell.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cosell.stack.SmtpSink;

/**
 * The SMTP server down for a minute during a burst of referrals for a partner with two referral
 * recipients, then up again on the same port: every "received" mail arrives, exactly once per
 * referral and recipient.
 */
final class SmtpOutageCase implements FaultCase {

    private static final String PARTNER = "7600001";
    private static final List<String> RECIPIENTS = List.of("ops1@partner-smtp.example", "ops2@partner-smtp.example");
    private static final Pattern REFERRAL = Pattern.compile("SMTPOUT-\\d{5}");

    @Override
    public String name() {
        return "smtp-outage";
    }

    @Override
    public String kind() {
        return "fault";
    }

    @Override
    public String description() {
        return "SMTP down " + Sizes.SMTP_DOWN_SECONDS + " s during " + Sizes.SMTP_BURST
                + " referrals to 2 recipients: every mail arrives exactly once";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Api api = stack.api();
        String admin = api.token("smtp-admin", PARTNER, "MPN_PARTNER_ADMIN");
        Api.Response settings = api.send("PUT", Api.GATEWAY + "/api/notification-settings", admin,
                api.write(Bodies.settings(RECIPIENTS.toArray(String[]::new))));
        report.expect(settings.status() == 200, "setting the recipients answered %s", settings.shortly());

        MailCatcher mail = stack.mail();
        mail.stop();
        Instant down = Instant.now();
        Set<String> referralIds = Ingest.referralIds("SMTPOUT", Sizes.SMTP_BURST);
        Upstream upstream = stack.upstream();
        for (String referralId : referralIds) {
            upstream.sendOffer(upstream.offer(referralId, PARTNER, data -> data.withObjectProperty("deal").put("name", referralId)));
        }
        upstream.flush();
        ReferralCounts counts = Ingest.awaitTakenIn(stack, PARTNER, referralIds, Duration.ofMinutes(3));
        report.note("SMTP server stopped; %s", counts.describe());
        Duration remaining = Duration.ofSeconds(Sizes.SMTP_DOWN_SECONDS).minus(Duration.between(down, Instant.now()));
        if (!remaining.isNegative()) {
            Await.sleep(remaining);
        }
        long duringOutage = deliveries(stack).values().stream().mapToLong(Long::longValue).sum();
        mail.start();
        Instant up = Instant.now();
        report.note("SMTP server started again on port %d after %d s (mails delivered meanwhile: %d)", SmtpSink.PORT,
                Duration.between(down, up).toSeconds(), duringOutage);

        long expected = (long) referralIds.size() * RECIPIENTS.size();
        Await.until(Duration.ofMinutes(6), () -> delivered(stack) + " of " + expected + " mails", () -> delivered(stack) >= expected);
        Instant complete = Instant.now();
        Await.settled(() -> delivered(stack), Duration.ofSeconds(10), Duration.ofSeconds(60));
        Map<String, Long> perMail = deliveries(stack);
        long lost = 0;
        long duplicated = 0;
        for (String referralId : referralIds) {
            for (String recipient : RECIPIENTS) {
                long count = perMail.getOrDefault(recipient + " " + referralId, 0L);
                lost += count == 0 ? 1 : 0;
                duplicated += Math.max(0, count - 1);
            }
        }
        report.note("%,d mails to %s, the last %d s after the server came back", delivered(stack), RECIPIENTS,
                Duration.between(up, complete).toSeconds());
        report.sent(expected).arrived(expected - lost);
        report.lost(lost);
        report.duplicated(duplicated);
        return report.result();
    }

    private static long delivered(Stack stack) {
        return deliveries(stack).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Deliveries per "recipient referral id", read from each mail's text. */
    private static Map<String, Long> deliveries(Stack stack) {
        Map<String, Long> counts = new HashMap<>();
        for (MailCatcher.Delivery delivery : stack.mail().deliveries(delivery -> RECIPIENTS.contains(delivery.recipient()))) {
            MailText text = delivery.text();
            Set<String> mentioned = new HashSet<>();
            Matcher matcher = REFERRAL.matcher(text.plain() + " " + delivery.subject());
            while (matcher.find()) {
                mentioned.add(matcher.group());
            }
            for (String referralId : mentioned) {
                counts.merge(delivery.recipient() + " " + referralId, 1L, Long::sum);
            }
        }
        return counts;
    }
}
