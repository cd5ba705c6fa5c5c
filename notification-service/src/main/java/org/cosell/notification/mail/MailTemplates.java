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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a mail of a {@link MailKind} from its Thymeleaf templates under
 * {@code templates/mail/<language>/}: {@code .txt} templates in TEXT mode (subject and plain body),
 * {@code .html} in HTML mode, where every value is escaped. The subject is flattened to one line,
 * whatever the upstream text holds. The engines are this class's own, one per
 * {@link MailLanguage} (each finds its language's {@code layout.html} and {@code facts.*}), so the
 * web layer's Thymeleaf settings cannot change mails.
 *
 * <p>Every mail links the opportunity's page in the partner portal,
 * {@code <COSELL_PORTAL_URL>/opportunities/{opportunityId}}, when its id is known.
 */
@Component
public class MailTemplates {

    static final int MAX_SUBJECT_LENGTH = 200;
    private static final String PREFIX = "templates/mail/";

    private final Map<MailLanguage, Written> languages = new EnumMap<>(MailLanguage.class);

    /** The portal's public address (the gateway's), without a trailing slash. */
    private final String portalUrl;

    public MailTemplates(@Value("${cosell.portal-url:http://localhost:8080}") String portalUrl) {
        this.portalUrl = portalUrl.strip().replaceAll("/+$", "");
        languages.put(MailLanguage.EN, new Written(engine(MailLanguage.EN),
                DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC),
                DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC), "your opportunity"));
        // With the weekday a date needs no article, so no "il"/"l'" to get wrong before "8 dicembre".
        languages.put(MailLanguage.IT, new Written(engine(MailLanguage.IT),
                DateTimeFormatter.ofPattern("EEEE d MMMM uuuu 'alle' HH:mm 'UTC'", Locale.ITALIAN).withZone(ZoneOffset.UTC),
                DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ITALIAN).withZone(ZoneOffset.UTC), "la Sua opportunità"));
    }

    /**
     * The mail of {@code kind} for a partner whose people read {@code partnersLanguage}: in that
     * language when the partner's people read it, in English when the referral's sender does.
     */
    public RenderedMail render(MailKind kind, MailLanguage partnersLanguage, MailFacts facts) {
        MailLanguage language = kind.language(partnersLanguage);
        Written written = languages.get(language);
        Context context = new Context(language.locale(), variables(facts, written, language.locale()));
        String subject = subject(kind, written, context);
        context.setVariable("subject", subject);
        String text = written.engine().process(kind.template() + "/body.txt", context).strip() + "\n";
        String html = written.engine().process(kind.template() + "/body.html", context);
        return new RenderedMail(subject, text, html);
    }

    /** The subject alone, as {@link #render} makes it: all a mail that is never sent keeps. */
    public String subject(MailKind kind, MailLanguage partnersLanguage, MailFacts facts) {
        MailLanguage language = kind.language(partnersLanguage);
        Written written = languages.get(language);
        return subject(kind, written, new Context(language.locale(), variables(facts, written, language.locale())));
    }

    private static String subject(MailKind kind, Written written, Context context) {
        return subjectLine(written.engine().process(kind.template() + "/subject.txt", context));
    }

    private Map<String, Object> variables(MailFacts facts, Written written, Locale locale) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("opportunityUrl", facts.opportunityId() == null ? null
                : portalUrl + "/opportunities/" + facts.opportunityId());
        variables.put("referralId", blankToNull(facts.referralId()));
        variables.put("dealName", blankToNull(facts.dealName()));
        variables.put("customerName", blankToNull(facts.customerName()));
        variables.put("value", format(facts.estimatedValue(), locale));
        variables.put("respondBy", format(facts.respondBy(), written.time()));
        variables.put("respondByDate", format(facts.respondBy(), written.date()));
        variables.put("senderName", blankToNull(facts.senderName()));
        variables.put("senderEmail", blankToNull(facts.senderEmail()));
        variables.put("reason", blankToNull(facts.reason()));
        variables.put("notes", blankToNull(facts.notes()));
        variables.put("sellerName", blankToNull(facts.sellerName()));
        variables.put("sellerEmail", blankToNull(facts.sellerEmail()));
        variables.put("contacts", facts.contacts());
        variables.put("title", title(facts, written.untitled()));
        return variables;
    }

    /** How a mail names its opportunity when it has no deal name yet. */
    private static String title(MailFacts facts, String untitled) {
        if (blankToNull(facts.dealName()) != null) {
            return facts.dealName().strip();
        }
        if (blankToNull(facts.referralId()) != null) {
            return facts.referralId().strip();
        }
        return untitled;
    }

    private static String subjectLine(String rendered) {
        String line = MailAddresses.singleLine(rendered);
        return line.length() > MAX_SUBJECT_LENGTH ? line.substring(0, MAX_SUBJECT_LENGTH - 1) + "…" : line;
    }

    private static String format(Money money, Locale locale) {
        if (money == null || money.amount() == null) {
            return null;
        }
        String amount = String.format(locale, "%,.2f", money.amount().setScale(2, RoundingMode.HALF_UP));
        return money.currency() == null ? amount : amount + " " + money.currency();
    }

    private static String format(Instant instant, DateTimeFormatter formatter) {
        return instant == null ? null : formatter.format(instant);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static SpringTemplateEngine engine(MailLanguage language) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver(language, TemplateMode.TEXT, "*.txt", 1));
        engine.addTemplateResolver(resolver(language, TemplateMode.HTML, "*.html", 2));
        return engine;
    }

    private static ClassLoaderTemplateResolver resolver(MailLanguage language, TemplateMode mode, String pattern,
                                                        int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix(PREFIX + language.code() + "/");
        resolver.setTemplateMode(mode);
        resolver.getResolvablePatternSpec().addPattern(pattern);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }

    /**
     * How mails are written in one language: its templates, its dates (in UTC, named as such) and
     * what a mail calls an opportunity it knows no name of.
     */
    private record Written(SpringTemplateEngine engine, DateTimeFormatter time, DateTimeFormatter date,
                           String untitled) {
    }
}
