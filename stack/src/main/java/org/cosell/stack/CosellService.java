package org.cosell.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the six services, run as a child process, with the port it serves its API (or, the portal,
 * its pages) on (docs/running.md) and its management port, where alone it serves actuator (health,
 * metrics). The module name is also the jar name: {@code <module>/target/<module>.jar}.
 */
public record CosellService(String name, int port, int managementPort) {

    public static final CosellService GATEWAY = new CosellService("gateway", 8080, 9080);
    public static final CosellService DEAL_SERVICE = new CosellService("deal-service", 8081, 9081);
    public static final CosellService REFERRAL_SERVICE = new CosellService("referral-service", 8082, 9082);
    public static final CosellService NOTIFICATION_SERVICE = new CosellService("notification-service", 8083, 9083);
    public static final CosellService EXPIRY_SCHEDULER = new CosellService("expiry-scheduler", 8084, 9084);

    /** The partner's web pages: a client of the API through the gateway, with no database or broker of its own. */
    public static final CosellService PORTAL = new CosellService("portal", 8085, 9085);

    public static final List<CosellService> ALL = List.of(
            GATEWAY, DEAL_SERVICE, REFERRAL_SERVICE, NOTIFICATION_SERVICE, EXPIRY_SCHEDULER, PORTAL);

    /** Neither reads Kafka nor MongoDB: they can start while the broker and the database are still starting. */
    public static final List<CosellService> WITHOUT_INFRASTRUCTURE = List.of(GATEWAY, PORTAL);

    /** Every service but the portal: the ones on Kafka and MongoDB, behind the gateway. */
    public static final List<CosellService> BACKEND = ALL.subList(0, 5);

    /** Where {@code ./mvnw package} puts the service's runnable jar. */
    public Path jar(Path repositoryRoot) {
        return repositoryRoot.resolve(name).resolve("target").resolve(name + ".jar");
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }
}
