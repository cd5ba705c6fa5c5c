package org.cosell.deal.opportunity.application;

/** The client changed a deal it last saw at another version ({@code If-Match}); the API answers 412. */
public class VersionMismatch extends RuntimeException {

    public VersionMismatch(long expected, long current) {
        super("The deal is at version " + current + ", not " + expected + ": read it again and retry");
    }
}
