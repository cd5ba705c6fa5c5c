package org.cosell.contracts.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The person who made a move, as the token of the call named them: {@code sub} is the user's id at
 * the identity provider, {@code name} what to show. An event whose move the system made (intake,
 * a deadline, Microsoft's answer) carries no actor.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Actor(String sub, String name) {
}
