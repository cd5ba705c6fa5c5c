package org.cosell.support.domain;

/**
 * Nothing the caller may see has this id: unknown, or another partner's — the two answer alike
 * (404), so ids of other partners cannot be probed.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super("No " + what + " " + id);
    }
}
