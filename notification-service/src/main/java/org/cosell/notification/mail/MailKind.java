package org.cosell.notification.mail;

/**
 * Every e-mail notification-service sends (notification-service/README.md, "What it mails, when"), named by what happened and who reads it. The
 * templates of a kind live under {@code templates/mail/<language>/<template>/}: {@code subject.txt},
 * {@code body.txt} and {@code body.html}. A kind the partner's people read exists in every
 * {@link MailLanguage}; a kind for a referral's sender in English only.
 */
public enum MailKind {
    /** A referral arrived: to the partner's referral recipients. */
    REFERRAL_RECEIVED("referral-received", true),
    /** A referral is still unanswered shortly before it expires: to the partner's referral recipients. */
    REFERRAL_REMINDER("referral-reminder", true),
    /** The partner accepted a referral: to its sender. */
    REFERRAL_ACCEPTED("referral-accepted", false),
    /** The partner declined a referral: to its sender. */
    REFERRAL_DECLINED("referral-declined", false),
    /** Nobody answered a referral in time: to its sender. */
    REFERRAL_EXPIRED_SENDER("referral-expired-sender", false),
    /** Nobody answered a referral in time: to the partner's referral recipients. */
    REFERRAL_EXPIRED_PARTNER("referral-expired-partner", true),
    /** A Microsoft seller engaged in a co-sell request: to the deal's employees. */
    ENGAGEMENT_ENGAGED("engagement-engaged", true),
    /** Microsoft sellers declined a co-sell request: to the deal's employees. */
    ENGAGEMENT_DECLINED("engagement-declined", true),
    /** No Microsoft seller answered a co-sell request in time: to the deal's employees. */
    ENGAGEMENT_EXPIRED("engagement-expired", true);

    private final String template;
    private final boolean readByPartner;

    MailKind(String template, boolean readByPartner) {
        this.template = template;
        this.readByPartner = readByPartner;
    }

    /** Whether the partner's own people read it (and not a referral's sender, who is someone else's). */
    public boolean readByPartner() {
        return readByPartner;
    }

    /** The language a mail of this kind is written in, when the partner reads its mails in {@code partnersLanguage}. */
    public MailLanguage language(MailLanguage partnersLanguage) {
        return readByPartner ? partnersLanguage : MailLanguage.EN;
    }

    /** The template directory under {@code templates/mail/<language>/}. */
    public String template() {
        return template;
    }
}
