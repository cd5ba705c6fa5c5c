package org.cosell.local;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the six services the launcher runs as a child process, with the port it serves its API (or,
 * the portal, its pages) on (docs/running.md) and its management port, where alone it serves actuator (health,
 * metrics). The module name is also the jar name: {@code <module>/target/<module>.jar}.
 */
record CosellService(String name, int port, int managementPort) {

    static final List<CosellService> ALL = List.of(
            new CosellService("gateway", 8080, 9080),
            new CosellService("deal-service", 8081, 9081),
            new CosellService("referral-service", 8082, 9082),
            new CosellService("notification-service", 8083, 9083),
            new CosellService("expiry-scheduler", 8084, 9084),
            new CosellService("portal", 8085, 9085));

    static final CosellService GATEWAY = ALL.get(0);

    /** The partner's web pages: a client of the API through the gateway, with no database or broker of its own. */
    static final CosellService PORTAL = ALL.get(5);

    /** Where {@code ./mvnw package} puts the service's runnable jar. */
    Path jar(Path repositoryRoot) {
        return repositoryRoot.resolve(name).resolve("target").resolve(name + ".jar");
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }
}
