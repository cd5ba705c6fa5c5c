package org.cosell.notification.mail;

import org.cosell.contracts.common.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a mail of a {@link MailKind} from its Thymeleaf templates under {@code templates/mail/}:
 * {@code .txt} templates in TEXT mode (subject and plain body), {@code .html} in HTML mode, where
 * every value is escaped. The subject is flattened to one line, whatever the upstream text holds.
 * The engine is this class's own, so the web layer's Thymeleaf settings cannot change mails.
 *
 * <p>Every mail links the opportunity's page in the partner portal,
 * {@code <COSELL_PORTAL_URL>/opportunities/{opportunityId}}, when its id is known.
 */
@Component
public class MailTemplates {

    static final int MAX_SUBJECT_LENGTH = 200;
    private static final String PREFIX = "templates/mail/";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    /** The portal's public address (the gateway's), without a trailing slash. */
    private final String portalUrl;

    public MailTemplates(@Value("${cosell.portal-url:http://localhost:8080}") String portalUrl) {
        this.portalUrl = portalUrl.strip().replaceAll("/+$", "");
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 1));
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 2));
    }

    public RenderedMail render(MailKind kind, MailFacts facts) {
        Context context = new Context(Locale.ENGLISH, variables(facts));
        String subject = subject(kind, context);
        context.setVariable("subject", subject);
        String text = engine.process(kind.template() + "/body.txt", context).strip() + "\n";
        String html = engine.process(kind.template() + "/body.html", context);
        return new RenderedMail(subject, text, html);
    }

    /** The subject alone, as {@link #render} makes it: all a mail that is never sent keeps. */
    public String subject(MailKind kind, MailFacts facts) {
        return subject(kind, new Context(Locale.ENGLISH, variables(facts)));
    }

    private String subject(MailKind kind, Context context) {
        return subjectLine(engine.process(kind.template() + "/subject.txt", context));
    }

    private Map<String, Object> variables(MailFacts facts) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("opportunityUrl", facts.opportunityId() == null ? null
                : portalUrl + "/opportunities/" + facts.opportunityId());
        variables.put("referralId", blankToNull(facts.referralId()));
        variables.put("dealName", blankToNull(facts.dealName()));
        variables.put("customerName", blankToNull(facts.customerName()));
        variables.put("value", format(facts.estimatedValue()));
        variables.put("respondBy", format(facts.respondBy(), TIME));
        variables.put("respondByDate", format(facts.respondBy(), DATE));
        variables.put("senderName", blankToNull(facts.senderName()));
        variables.put("senderEmail", blankToNull(facts.senderEmail()));
        variables.put("reason", blankToNull(facts.reason()));
        variables.put("notes", blankToNull(facts.notes()));
        variables.put("sellerName", blankToNull(facts.sellerName()));
        variables.put("sellerEmail", blankToNull(facts.sellerEmail()));
        variables.put("contacts", facts.contacts());
        variables.put("title", title(facts));
        return variables;
    }

    /** How a mail names its opportunity when it has no deal name yet. */
    private static String title(MailFacts facts) {
        if (blankToNull(facts.dealName()) != null) {
            return facts.dealName().strip();
        }
        if (blankToNull(facts.referralId()) != null) {
            return facts.referralId().strip();
        }
        return "your opportunity";
    }

    private static String subjectLine(String rendered) {
        String line = MailAddresses.singleLine(rendered);
        return line.length() > MAX_SUBJECT_LENGTH ? line.substring(0, MAX_SUBJECT_LENGTH - 1) + "…" : line;
    }

    private static String format(Money money) {
        if (money == null || money.amount() == null) {
            return null;
        }
        String amount = String.format(Locale.ENGLISH, "%,.2f", money.amount().setScale(2, RoundingMode.HALF_UP));
        return money.currency() == null ? amount : amount + " " + money.currency();
    }

    private static String format(Instant instant, DateTimeFormatter formatter) {
        return instant == null ? null : formatter.format(instant);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix(PREFIX);
        resolver.setTemplateMode(mode);
        resolver.getResolvablePatternSpec().addPattern(pattern);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }
}
