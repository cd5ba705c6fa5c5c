package org.cosell.portal.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cosell.portal.api.Activity;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * An opportunity's history in the page's language: each entry a sentence naming who did it
 * ("Cosell" for what no person did: a referral arriving, a deadline passing) and, for an edit,
 * what changed from what to what. A kind the portal does not know yet reads as the API's own
 * summary, so a newer API never breaks the page.
 */
@Component
class ActivitySentences {

    /** Who did what Cosell itself did; a name, the same in every language. */
    static final String SYSTEM = "Cosell";

    /** Fields whose values are codes of the API, to the message group that puts them in words. */
    private static final Map<String, String> CODED_FIELDS = Map.of(
            "stage", "stage",
            "salesStage", "salesStage",
            "type", "type",
            "microsoftEngagement.status", "engagement",
            "engagement", "engagement");

    private final MessageSource messages;

    private final PortalView view;

    ActivitySentences(MessageSource messages, PortalView view) {
        this.messages = messages;
        this.view = view;
    }

    List<Line> of(List<Activity> activity) {
        return activity.stream().map(this::line).toList();
    }

    private Line line(Activity entry) {
        Locale locale = LocaleContextHolder.getLocale();
        String actor = entry.actor() == null ? SYSTEM
                : entry.actor().name() != null && !entry.actor().name().isBlank() ? entry.actor().name() : entry.actor().sub();
        String newSalesStage = entry.changes().stream().filter(change -> "salesStage".equals(change.field()))
                .map(change -> view.label("salesStage", text(change.to()))).findFirst().orElse(null);
        String key = "SALES_STAGE_CHANGED".equals(entry.kind()) && newSalesStage == null
                ? "activity.SALES_STAGE_CHANGED.unknown" : "activity." + entry.kind();
        String fallback = entry.summary() != null && !entry.summary().isBlank() ? entry.summary()
                : String.valueOf(entry.kind());
        String sentence = messages.getMessage(key, new Object[] { actor, newSalesStage }, fallback, locale);
        List<String> changes = "SALES_STAGE_CHANGED".equals(entry.kind()) ? List.of()
                : entry.changes().stream().map(change -> change(change, locale)).toList();
        return new Line(entry.at(), entry.kind(), sentence, changes);
    }

    private String change(Activity.Change change, Locale locale) {
        String field = messages.getMessage("activityField." + change.field(), null, String.valueOf(change.field()), locale);
        String none = messages.getMessage("activity.none", null, locale);
        return messages.getMessage("activity.change", new Object[] { field, value(change.field(), change.from(), none),
                value(change.field(), change.to(), none) }, locale);
    }

    private String value(String field, Object value, String none) {
        if (value instanceof Map<?, ?> money && money.get("amount") != null) {
            try {
                return view.money(new BigDecimal(String.valueOf(money.get("amount"))),
                        money.get("currency") == null ? null : String.valueOf(money.get("currency")));
            }
            catch (NumberFormatException e) {
                return String.valueOf(value);
            }
        }
        String written = text(value);
        if (written == null || written.isBlank()) {
            return none;
        }
        String group = CODED_FIELDS.get(field);
        return group == null ? written : view.label(group, written);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** One entry as the page shows it. */
    record Line(Instant at, String kind, String sentence, List<String> changes) {
    }
}
