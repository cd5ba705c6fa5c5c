package org.cosell.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A solution of the catalog; {@code own} when the partner added it rather than it being shipped. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogSolution(String id, String name, String type, Boolean registrationEligible, Boolean own) {

    public CatalogSolution {
        registrationEligible = Boolean.TRUE.equals(registrationEligible);
        own = Boolean.TRUE.equals(own);
    }
}
