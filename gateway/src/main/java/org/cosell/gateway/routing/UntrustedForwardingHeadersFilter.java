package org.cosell.gateway.routing;

import java.net.InetSocketAddress;
import java.util.Locale;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Drops the {@code X-Forwarded-*} and {@code Forwarded} headers of a caller that is not one of the
 * {@code TRUSTED_PROXIES} before a call goes on to a service, so nobody can tell a service they
 * called from another address, host or scheme. Spring Cloud Gateway's own forwarding filters (5.0.1)
 * consult the same setting but hand an untrusted caller's headers on unchanged; this runs before them,
 * so what they pass on is only ever what a trusted proxy said.
 */
@Component
class UntrustedForwardingHeadersFilter implements HttpHeadersFilter, Ordered {

    private final TrustedProxies trustedProxies;

    UntrustedForwardingHeadersFilter(GatewayProperties gateway) {
        this.trustedProxies = TrustedProxies.from(gateway.getTrustedProxies());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        InetSocketAddress caller = exchange.getRequest().getRemoteAddress();
        if (caller != null && trustedProxies.isTrusted(caller.getHostString())) {
            return input;
        }
        HttpHeaders kept = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!isForwarding(name)) {
                kept.addAll(name, values);
            }
        });
        return kept;
    }

    private static boolean isForwarding(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return name.startsWith("x-forwarded-") || name.equals("forwarded");
    }
}
