package org.cosell.faults;

import java.util.List;
import org.cosell.stack.CosellService;

/**
 * One request a security case sends, through the gateway or straight to the service that owns the
 * path (so a service never relies on the gateway's checks alone).
 */
record Probe(String label, String service, String method, String path, String body, String contentType,
             List<String> headers) {

    /** Which way a probe goes in. */
    enum Route { GATEWAY, DIRECT }

    static Probe of(String label, String service, String method, String path, String body, String... headers) {
        return new Probe(label, service, method, path, body, "application/json", List.of(headers));
    }

    static Probe patch(String label, String path, String body) {
        return new Probe(label, Stack.DEALS, "PATCH", path, body, "application/merge-patch+json", List.of("If-Match", "*"));
    }

    String url(Route route) {
        return (route == Route.GATEWAY ? Api.GATEWAY : owner().baseUrl()) + path;
    }

    private CosellService owner() {
        return CosellService.BACKEND.stream().filter(candidate -> candidate.name().equals(service)).findFirst().orElseThrow();
    }

    Api.Response send(Api api, Route route, String token) {
        return api.sendTyped(method, url(route), token, body, contentType, headers.toArray(String[]::new));
    }

    String describe(Route route) {
        return method + " " + path + " (" + (route == Route.GATEWAY ? "gateway" : service) + ")";
    }
}
