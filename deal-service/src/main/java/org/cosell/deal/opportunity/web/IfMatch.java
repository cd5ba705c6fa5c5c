package org.cosell.deal.opportunity.web;

/**
 * Reads an {@code If-Match} header against the {@code "<version>"} ETags the API sends. {@code *}
 * matches any version (RFC 9110); a tag that is not one of ours matches none, so the change is
 * refused with 412 rather than applied to a version the client never saw.
 */
final class IfMatch {

    /** Stands for a tag no deal version ever has. */
    private static final long NO_VERSION = -1;

    private IfMatch() {
    }

    /** The version the header names; {@code null} when there is no header or it is {@code *}. */
    static Long optional(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String tag = header.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            return version < 0 ? NO_VERSION : version;
        } catch (NumberFormatException notOurs) {
            return NO_VERSION;
        }
    }

    /** Like {@link #optional}, for a change that may not be made without one: 428 when missing. */
    static Long required(String header) {
        if (header == null || header.isBlank()) {
            throw new IfMatchMissing();
        }
        return optional(header);
    }
}
