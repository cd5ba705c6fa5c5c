package org.cosell.contracts;

import java.util.List;

/** The Kafka topics of docs/events.md. Every topic has a dead-letter twin named {@code <topic>.DLT}. */
public final class Topics {

    public static final String REFERRALS_INBOUND = "cosell.referrals.inbound";
    public static final String REFERRAL_EVENTS = "cosell.referrals.events";
    public static final String DEAL_EVENTS = "cosell.deals.events";
    public static final String ENGAGEMENTS_OUTBOUND = "cosell.engagements.outbound";
    public static final String ENGAGEMENTS_RESPONSES = "cosell.engagements.responses";
    public static final String EXPIRY_DUE = "cosell.expiry.due";
    public static final String DEAL_OUTCOMES = "cosell.deal-outcomes";

    public static final List<String> ALL = List.of(REFERRALS_INBOUND, REFERRAL_EVENTS, DEAL_EVENTS,
            ENGAGEMENTS_OUTBOUND, ENGAGEMENTS_RESPONSES, EXPIRY_DUE, DEAL_OUTCOMES);

    /**
     * The topics systems outside Cosell write. Their records may come in either content mode of the
     * CloudEvents Kafka binding, structured or binary; Cosell writes structured mode only.
     */
    public static final List<String> FROM_OUTSIDE = List.of(REFERRALS_INBOUND, ENGAGEMENTS_RESPONSES);

    /** Header on every dead-lettered record saying why it was refused. */
    public static final String ERROR_HEADER = "cosell-error";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + ".DLT";
    }
}
