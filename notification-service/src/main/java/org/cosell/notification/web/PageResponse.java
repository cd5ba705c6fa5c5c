package org.cosell.notification.web;

import java.util.List;

/** A page of a list as SPEC §3 answers it. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}
