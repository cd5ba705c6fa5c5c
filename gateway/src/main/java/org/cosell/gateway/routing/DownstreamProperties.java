package org.cosell.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the gateway waits for a service's answer ({@code GATEWAY_RESPONSE_TIMEOUT}) before its
 * circuit breaker gives up and the caller gets a 504 "outcome unknown". It must stay above the
 * longest a service takes for a call it admitted: a service that is too busy refuses at once with
 * 503 + {@code Retry-After}, which passes through unchanged, so giving up sooner would only turn
 * calls that succeed into ambiguous ones. Connect timeouts are set on the gateway's HTTP client in
 * {@code application.yml}.
 */
@ConfigurationProperties("cosell.downstream")
public record DownstreamProperties(@DefaultValue("30s") Duration timeout) {
}
