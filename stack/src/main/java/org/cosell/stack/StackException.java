package org.cosell.stack;

/** A reason the stack cannot go on that the user can act on; its message is shown as is, without a stack trace. */
public final class StackException extends Exception {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
