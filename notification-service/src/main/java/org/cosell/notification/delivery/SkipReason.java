package org.cosell.notification.delivery;

/** Why a mail was recorded as {@link NotificationStatus#SKIPPED} instead of sent. */
public enum SkipReason {
    NO_REFERRAL_RECIPIENTS("The partner has no referralRecipients in its notification settings"),
    NO_SENDER_ADDRESS("The referral's sender has no e-mail address"),
    NO_EMPLOYEE_ADDRESSES("The deal names no employees with an e-mail address"),
    INVALID_ADDRESS("Not a valid e-mail address");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
