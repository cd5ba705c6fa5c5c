package org.cosell.deal.web;

import java.util.List;

/** A short list that needs no paging (lookups); an object, so that it can grow without breaking clients. */
public record ItemsResponse<T>(List<T> items) {
}
