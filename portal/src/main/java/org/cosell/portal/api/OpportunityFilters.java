package org.cosell.portal.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The list filters of {@code GET /api/opportunities} (and its CSV export), as the page sends them:
 * blank ones are left out. Values are passed on as typed, so the API's own checks (a 400 naming
 * the parameter) decide what is valid.
 */
public record OpportunityFilters(String type, String engagement, String senderKind, String salesStage, String solutionId,
                                 String closeFrom, String closeTo, String currency, String minValue, String maxValue,
                                 String respondWithin) {

    public static final OpportunityFilters NONE = new OpportunityFilters(null, null, null, null, null, null, null, null,
            null, null, null);

    /** The filters set, by the API's parameter name, in a stable order. */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        put(parameters, "type", type);
        put(parameters, "engagement", engagement);
        put(parameters, "senderKind", senderKind);
        put(parameters, "salesStage", salesStage);
        put(parameters, "solutionId", solutionId);
        put(parameters, "closeFrom", closeFrom);
        put(parameters, "closeTo", closeTo);
        put(parameters, "currency", currency);
        put(parameters, "minValue", minValue);
        put(parameters, "maxValue", maxValue);
        put(parameters, "respondWithin", respondWithin);
        return parameters;
    }

    public boolean isEmpty() {
        return parameters().isEmpty();
    }

    private static void put(Map<String, String> parameters, String name, String value) {
        if (value != null && !value.isBlank()) {
            parameters.put(name, value.strip());
        }
    }
}
