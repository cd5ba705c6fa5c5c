package org.cosell.portal.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Every tab's size from {@code GET /api/opportunities/counts}: its total without search or stage filter. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TabCounts(long inbound, long outbound, long favorites, long archived) {

    /** By tab name, in the order of {@code tabs}. */
    public Map<String, Long> byTab(List<String> tabs) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String tab : tabs) {
            counts.put(tab, switch (tab) {
                case "inbound" -> inbound;
                case "outbound" -> outbound;
                case "favorites" -> favorites;
                case "archived" -> archived;
                default -> 0L;
            });
        }
        return counts;
    }
}
