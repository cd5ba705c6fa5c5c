package org.cosell.deal.opportunity.web;

import java.util.List;

/** A page of a list as docs/api.md answers it. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}
