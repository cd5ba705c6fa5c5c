package org.cosell.support.kafka;

import org.cosell.contracts.Limits;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules an inbound event's data breaks, each named {@code data.<field>: <rule>}: the reason a
 * dead-lettered record carries. Fields are named by their path within {@code data}. A check that
 * collects every violation, so the dead letter names them all, builds one of these and ends with
 * {@link #throwIfAny()}; a rule that needs a field to go on asks for it with {@link #require} and
 * stops at the first it lacks.
 */
public final class Violations {

    /** The one e-mail rule of inbound events: something, an at sign, a domain with a dot; no spaces. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern MPN_ID = Pattern.compile(Limits.MPN_ID);

    private final List<String> found = new ArrayList<>();

    /** Whether {@code value} is an e-mail address of at most {@link Limits#EMAIL} characters. */
    public static boolean isEmailAddress(String value) {
        return value != null && value.length() <= Limits.EMAIL && EMAIL.matcher(value).matches();
    }

    /**
     * {@code value}, when present (not null, not blank).
     *
     * @throws InvalidEventException naming the field when it is absent
     */
    public static <T> T require(String field, T value) {
        if (isAbsent(value)) {
            throw new InvalidEventException(reason(field, "is required"));
        }
        return value;
    }

    /**
     * {@code value}, when it is an MPN id.
     *
     * @throws InvalidEventException naming the field when it is absent or not an MPN id
     */
    public static String requireMpnId(String field, String value) {
        if (!MPN_ID.matcher(require(field, value)).matches()) {
            throw new InvalidEventException(reason(field, "must be an MPN id (digits)"));
        }
        return value;
    }

    /** Notes that {@code field} breaks {@code rule}. */
    public Violations add(String field, String rule) {
        found.add(reason(field, rule));
        return this;
    }

    /** Notes {@code field} as required when it is null or blank; answers whether it is present. */
    public boolean present(String field, Object value) {
        if (isAbsent(value)) {
            add(field, "is required");
            return false;
        }
        return true;
    }

    public Violations required(String field, Object value) {
        present(field, value);
        return this;
    }

    /** A required text of at most {@code maxLength} characters. */
    public Violations text(String field, String value, int maxLength) {
        if (present(field, value)) {
            optionalText(field, value, maxLength);
        }
        return this;
    }

    /** A text of at most {@code maxLength} characters, when there is one. */
    public Violations optionalText(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters");
        }
        return this;
    }

    /** A required MPN id. */
    public Violations mpnId(String field, String value) {
        if (present(field, value) && !MPN_ID.matcher(value).matches()) {
            add(field, "must be an MPN id (digits)");
        }
        return this;
    }

    /** An e-mail address ({@link #isEmailAddress}), when there is one. */
    public Violations email(String field, String value) {
        if (value != null && !isEmailAddress(value)) {
            add(field, "must be an e-mail address");
        }
        return this;
    }

    /** A required e-mail address. */
    public Violations requiredEmail(String field, String value) {
        if (present(field, value)) {
            email(field, value);
        }
        return this;
    }

    /** The violations noted, in their order. */
    public List<String> list() {
        return List.copyOf(found);
    }

    /** @throws InvalidEventException naming every violation noted, when there is one */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidEventException(String.join("; ", found));
        }
    }

    private static boolean isAbsent(Object value) {
        return value == null || value instanceof String text && text.isBlank();
    }

    private static String reason(String field, String rule) {
        return "data." + field + ": " + rule;
    }
}
