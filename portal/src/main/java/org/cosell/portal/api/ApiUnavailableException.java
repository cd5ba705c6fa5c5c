package org.cosell.portal.api;

/** The gateway could not be reached at all (connection refused, timed out, broken). */
public class ApiUnavailableException extends RuntimeException {

    public ApiUnavailableException(Throwable cause) {
        super("The Cosell API could not be reached", cause);
    }
}
