package org.cosell.notification.delivery;

/**
 * The mail server answered and refused the mail: for good ({@code permanent}, SMTP 5xx, or a
 * message that cannot be built), or for now (SMTP 4xx), which is worth a few more attempts.
 */
public class MailRefusedException extends RuntimeException {

    private final boolean permanent;

    public MailRefusedException(boolean permanent, String message, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
