package org.cosell.portal.api;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the portal reaches the public API: the gateway ({@code COSELL_API_URL}), never a service
 * directly, so every call passes the same token check, rate limits and circuit breakers as any
 * other client's.
 */
@ConfigurationProperties("cosell.portal")
public record PortalApiProperties(@DefaultValue("http://localhost:8080") URI apiUrl) {
}
