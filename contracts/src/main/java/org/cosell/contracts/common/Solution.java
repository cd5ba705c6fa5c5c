package org.cosell.contracts.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A solution sold on an opportunity. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Solution(String id, String name, SolutionType type) {
}
