package org.cosell.deal.opportunity.domain;

/** The moves a partner or Microsoft makes on a deal or opportunity; named in refusals. */
public enum DealMove {
    EDIT("edit the deal"),
    MOVE_SALES_STAGE("move the deal to another sales stage"),
    REQUEST_COSELL("request Microsoft's help"),
    MARK_WON("mark the deal won"),
    MARK_LOST("mark the deal lost"),
    ANSWER_ENGAGEMENT("answer the co-sell request"),
    ADD_NOTE("add a note");

    private final String description;

    DealMove(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
