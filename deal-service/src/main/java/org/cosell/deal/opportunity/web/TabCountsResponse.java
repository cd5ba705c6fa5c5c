package org.cosell.deal.opportunity.web;

/** How many opportunities each tab of {@code GET /api/opportunities} holds for the caller, without search or stage filter. */
public record TabCountsResponse(long inbound, long outbound, long favorites, long archived) {
}
