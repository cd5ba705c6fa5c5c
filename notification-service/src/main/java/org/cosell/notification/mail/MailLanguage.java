package org.cosell.notification.mail;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The language a partner's people read their mails in, chosen in the partner's notification
 * settings. Mails to a referral's sender are always {@link #EN}: the sender is not the partner's.
 * The templates of a language live under {@code templates/mail/<code>/}.
 */
public enum MailLanguage {
    EN("en", Locale.ENGLISH),
    IT("it", Locale.ITALIAN);

    /** What the API accepts: the codes, in a regular expression. */
    public static final String CODES = "en|it";

    private final String code;
    private final Locale locale;

    MailLanguage(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    /** The ISO 639-1 code the API speaks, e.g. {@code it}. */
    public String code() {
        return code;
    }

    /** How dates and amounts are written in the mail. */
    public Locale locale() {
        return locale;
    }

    public static Optional<MailLanguage> ofCode(String code) {
        return Arrays.stream(values()).filter(language -> language.code.equals(code)).findFirst();
    }
}
