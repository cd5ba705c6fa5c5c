package org.cosell.local;

/** A reason not to go on that the user can act on; its message is shown as is, without a stack trace. */
final class LaunchException extends Exception {

    LaunchException(String message) {
        super(message);
    }

    LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
