package org.cosell.gateway.routing;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Per service, a route for its OpenAPI document at {@code /v3/api-docs/<service>}, kept apart from
 * the API routes so its path rewrite does not run on every API call, and served only while the API
 * docs are on ({@code API_DOCS_ENABLED}, which also switches springdoc's Swagger UI): with them off
 * the paths answer 404 like any unknown path. Each shares its service's circuit breaker.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = ApiDocsRoutes.ENABLED_PROPERTY, matchIfMissing = true)
class ApiDocsRoutes {

    static final String ENABLED_PROPERTY = "springdoc.api-docs.enabled";

    private static final List<String> SERVICES = List.of("deal-service", "referral-service", "notification-service",
            "expiry-scheduler");

    @Bean
    RouteLocator apiDocsRouteLocator(RouteLocatorBuilder builder, Environment environment) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (String service : SERVICES) {
            String uri = environment.getRequiredProperty("cosell.services." + service);
            routes.route(service + "-api-docs", route -> route.path("/v3/api-docs/" + service)
                    .filters(filters -> filters.setPath("/v3/api-docs")
                            .circuitBreaker(breaker -> breaker.setName(service)
                                    .setFallbackUri("forward:/fallback/" + service)))
                    .uri(uri));
        }
        return routes.build();
    }
}
