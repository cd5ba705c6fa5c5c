package org.cosell.deal.opportunity.web;

/** A change that needs {@code If-Match} came without it; the API answers 428. */
public class IfMatchMissing extends RuntimeException {

    IfMatchMissing() {
        super("Send If-Match with the ETag of the deal you last read, so that no one else's change is overwritten");
    }
}
