package org.cosell.support.kafka;

/**
 * A state change whose event would be larger than Kafka takes: refused before anything is stored,
 * since an event saved with its state but never publishable would leave the change unannounced
 * for good. The REST API answers 413; an inbound record that would cause it is dead-lettered.
 */
public class EventTooLargeException extends RuntimeException {

    public EventTooLargeException(String type, int bytes, int limit) {
        super("The " + type + " event this change makes would be " + bytes + " bytes; at most " + limit
                + " can be published");
    }
}
