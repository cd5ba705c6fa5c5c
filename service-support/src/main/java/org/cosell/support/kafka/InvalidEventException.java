package org.cosell.support.kafka;

/**
 * A record that can never be processed as it is: not JSON, not a CloudEvent, of an unknown type,
 * or with data that breaks a rule. It goes to the dead-letter topic at once, with this message as
 * the reason; retrying cannot help.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
