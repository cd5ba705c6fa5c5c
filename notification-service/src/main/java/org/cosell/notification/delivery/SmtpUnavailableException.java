package org.cosell.notification.delivery;

/**
 * The mail server could not be reached or dropped the conversation: try again later, however long
 * it takes. Only this failure counts against the SMTP circuit breaker and is retried at once.
 */
public class SmtpUnavailableException extends RuntimeException {

    public SmtpUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
