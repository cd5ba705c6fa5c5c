package org.cosell.support.kafka;

/**
 * A well-formed event that its consumer refuses for a business reason (an answer for an unknown
 * deal, say). Like an invalid one it goes to the dead-letter topic at once with this reason.
 */
public class RejectedEventException extends RuntimeException {

    public RejectedEventException(String reason) {
        super(reason);
    }
}
