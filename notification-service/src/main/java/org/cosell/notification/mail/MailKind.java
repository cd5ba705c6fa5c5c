package org.cosell.notification.mail;

/**
 * Every e-mail notification-service sends (notification-service/README.md, "What it mails, when"), named by what happened and who reads it. The
 * templates of a kind live under {@code templates/mail/<template>/}: {@code subject.txt},
 * {@code body.txt} and {@code body.html}.
 */
public enum MailKind {
    /** A referral arrived: to the partner's referral recipients. */
    REFERRAL_RECEIVED("referral-received"),
    /** A referral is still unanswered shortly before it expires: to the partner's referral recipients. */
    REFERRAL_REMINDER("referral-reminder"),
    /** The partner accepted a referral: to its sender. */
    REFERRAL_ACCEPTED("referral-accepted"),
    /** The partner declined a referral: to its sender. */
    REFERRAL_DECLINED("referral-declined"),
    /** Nobody answered a referral in time: to its sender. */
    REFERRAL_EXPIRED_SENDER("referral-expired-sender"),
    /** Nobody answered a referral in time: to the partner's referral recipients. */
    REFERRAL_EXPIRED_PARTNER("referral-expired-partner"),
    /** A Microsoft seller engaged in a co-sell request: to the deal's employees. */
    ENGAGEMENT_ENGAGED("engagement-engaged"),
    /** Microsoft sellers declined a co-sell request: to the deal's employees. */
    ENGAGEMENT_DECLINED("engagement-declined"),
    /** No Microsoft seller answered a co-sell request in time: to the deal's employees. */
    ENGAGEMENT_EXPIRED("engagement-expired");

    private final String template;

    MailKind(String template) {
        this.template = template;
    }

    /** The template directory under {@code templates/mail/}. */
    public String template() {
        return template;
    }
}
