package org.cosell.notification.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that decides whether a string may become a recipient or a header. An address is
 * accepted only as a bare {@code local@domain}, strictly parsed by JavaMail: no display name, no
 * group, no whitespace or control character — so nothing written into it can reach another header.
 */
public final class MailAddresses {

    /** RFC 5321 limit of a forward path. */
    public static final int MAX_LENGTH = 254;

    private static final Pattern CONTROL_OR_SPACE = Pattern.compile("[\\p{Cntrl}\\s]");
    private static final Pattern LINE_BREAKS_AND_CONTROLS = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]+");
    private static final Pattern RUNS_OF_SPACE = Pattern.compile("\\s{2,}");

    private MailAddresses() {
    }

    public static boolean isValid(String address) {
        return parse(address).isPresent();
    }

    /** The address as JavaMail will use it, or empty when it is not one plain, valid address. */
    public static Optional<InternetAddress> parse(String address) {
        if (address == null || address.isEmpty() || address.length() > MAX_LENGTH
                || CONTROL_OR_SPACE.matcher(address).find()) {
            return Optional.empty();
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            if (parsed.isGroup() || parsed.getPersonal() != null || !address.equals(parsed.getAddress())
                    || address.indexOf('@') <= 0) {
                return Optional.empty();
            }
            return Optional.of(parsed);
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    /** The same address for the purpose of "once per recipient": domains and, in practice, mailboxes ignore case. */
    public static String key(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Text made safe for a one-line header such as the subject: line breaks and other control
     * characters become a space, so upstream text can never start a header of its own.
     */
    public static String singleLine(String text) {
        if (text == null) {
            return "";
        }
        String flattened = LINE_BREAKS_AND_CONTROLS.matcher(text).replaceAll(" ");
        return RUNS_OF_SPACE.matcher(flattened).replaceAll(" ").trim();
    }

    /** Shows an untrusted string in a log line or a stored reason without its line breaks. */
    public static String printable(String text) {
        String line = singleLine(text);
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "…" : line;
    }
}
