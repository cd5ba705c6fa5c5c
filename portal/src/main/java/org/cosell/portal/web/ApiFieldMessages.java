package org.cosell.portal.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The API's field errors in the page's language. The API writes them in English: Bean Validation's
 * own texts and the services' constraint messages. Each text it is known to send maps to a message
 * key, its numbers kept as arguments ({@code size must be between 0 and 200}); a text not known
 * here, from a newer API say, is shown as the API wrote it.
 */
@Component
class ApiFieldMessages {

    private static final List<Known> KNOWN = List.of(
            literal("must not be blank", "field.required"),
            literal("must not be null", "field.required"),
            literal("must not be empty", "field.required"),
            literal("must be a well-formed email address", "field.email"),
            literal("must be a plain e-mail address such as name@example.com", "field.email"),
            literal("must be an ISO 4217 currency code", "field.currency"),
            literal("notes are required when the reason is OTHER", "field.notesForOther"),
            literal("must be true: Microsoft needs the customer contact", "field.consent"),
            pattern("size must be between 0 and (\\d+)", "apiError.atMost"),
            pattern("size must be between (\\d+) and (\\d+)", "apiError.size"),
            pattern("must be greater than or equal to (-?[\\d.]+)", "apiError.min"),
            pattern("must be less than or equal to (-?[\\d.]+)", "apiError.max"),
            pattern("must be greater than (-?[\\d.]+)", "apiError.greaterThan"),
            pattern("numeric value out of bounds \\(<(\\d+) digits>\\.<(\\d+) digits> expected\\)", "apiError.digits"),
            literal("must be a date in the present or in the future", "apiError.todayOrLater"),
            literal("must be today or later", "apiError.todayOrLater"),
            literal("must be a date in the past or in the present", "apiError.todayOrEarlier"),
            literal("must be a date from 0001-01-01 to 9999-12-31", "apiError.dateRange"),
            literal("must be an ISO 3166 alpha-2 country code", "apiError.country"),
            literal("must be exactly 9 digits", "apiError.duns"),
            literal("is not a valid value", "apiError.invalid"),
            literal("is not editable", "apiError.notEditable"),
            literal("is needed to ask Microsoft for help", "apiError.neededForHelp"),
            literal("must say what help is wanted when help is requested", "apiError.helpNotes"));

    private final MessageSource messages;

    ApiFieldMessages(MessageSource messages) {
        this.messages = messages;
    }

    /** The API's text for a field in the current request's language; {@code null} stays {@code null}. */
    String translate(String apiText) {
        if (apiText == null) {
            return null;
        }
        for (Known known : KNOWN) {
            Matcher text = known.text().matcher(apiText.strip());
            if (text.matches()) {
                Object[] numbers = IntStream.rangeClosed(1, text.groupCount()).mapToObj(text::group).toArray();
                return messages.getMessage(known.key(), numbers, apiText, LocaleContextHolder.getLocale());
            }
        }
        return apiText;
    }

    private static Known literal(String text, String key) {
        return new Known(Pattern.compile(Pattern.quote(text)), key);
    }

    private static Known pattern(String regex, String key) {
        return new Known(Pattern.compile(regex), key);
    }

    private record Known(Pattern text, String key) {
    }
}
