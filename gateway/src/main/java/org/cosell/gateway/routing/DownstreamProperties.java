package org.cosell.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the gateway waits for a service before its circuit breaker gives up and the caller gets
 * a 503. Connect timeouts are set on the gateway's HTTP client in {@code application.yml}.
 */
@ConfigurationProperties("cosell.downstream")
public record DownstreamProperties(@DefaultValue("10s") Duration timeout) {
}
