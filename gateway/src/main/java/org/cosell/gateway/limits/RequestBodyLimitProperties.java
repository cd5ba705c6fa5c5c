package org.cosell.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body the gateway takes ({@code MAX_REQUEST_BODY_SIZE}); the largest body any
 * Cosell call needs (a deal with its notes and employees) is a few kilobytes.
 */
@ConfigurationProperties("cosell.request-body")
public record RequestBodyLimitProperties(@DefaultValue("256KB") DataSize maxSize) {
}
