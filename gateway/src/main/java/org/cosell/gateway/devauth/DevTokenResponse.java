package org.cosell.gateway.devauth;

public record DevTokenResponse(String token) {
}
