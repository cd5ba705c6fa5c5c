package org.cosell.local;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment a service gets from the launcher: the launcher's own, plus where the local
 * infrastructure listens and the local defaults of docs/running.md. {@code SERVER_PORT} and {@code
 * MANAGEMENT_PORT} are always the service's own, and it listens on the bind address (127.0.0.1
 * unless the user chose another), API and management port alike; SMTP, dev auth, local mode and the
 * identity provider are only filled in when the user set none. The portal is pointed at the gateway,
 * and signs users in with the gateway's dev tokens exactly when the gateway issues them.
 * The local identity provider is the gateway's dev token issuer: its key set and the issuer its tokens
 * name, both or neither, since a service refuses to start with a key set but no issuer.
 */
final class ServiceEnvironment {

    static final String DEV_JWK_SET_URI = CosellService.GATEWAY.baseUrl() + "/dev/jwks.json";

    /** The {@code iss} of the gateway's dev tokens ({@code DevTokenIssuer.ISSUER} in the gateway). */
    static final String DEV_ISSUER = "cosell-local";

    /** Where the services listen unless the user says otherwise: nothing outside this machine reaches them. */
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    private ServiceEnvironment() {
    }

    /** The address the user chose ({@code --bind-address}, else {@code SERVER_ADDRESS}), else 127.0.0.1. */
    static String bindAddress(LaunchOptions options, Map<String, String> launcherEnvironment) {
        if (options.bindAddress() != null && !options.bindAddress().isBlank()) {
            return options.bindAddress().strip();
        }
        return isSet(launcherEnvironment, "SERVER_ADDRESS") ? launcherEnvironment.get("SERVER_ADDRESS").strip()
                : DEFAULT_BIND_ADDRESS;
    }

    /** Where the launcher asks a service listening on {@code bindAddress}: loopback when it listens everywhere. */
    static String probeHost(String bindAddress) {
        return switch (bindAddress) {
            case "0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0" -> DEFAULT_BIND_ADDRESS;
            default -> bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
        };
    }

    static Map<String, String> of(CosellService service, String bindAddress, Map<String, String> launcherEnvironment) {
        Map<String, String> environment = new HashMap<>(launcherEnvironment);
        environment.put("SERVER_PORT", String.valueOf(service.port()));
        environment.put("MANAGEMENT_PORT", String.valueOf(service.managementPort()));
        environment.put("SERVER_ADDRESS", bindAddress);
        environment.put("MANAGEMENT_SERVER_ADDRESS", bindAddress);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.BOOTSTRAP_SERVERS);
        environment.put("MONGODB_URI", EmbeddedMongo.URI);
        if (!isSet(launcherEnvironment, "SMTP_HOST")) {
            environment.put("SMTP_HOST", "localhost");
            environment.put("SMTP_PORT", String.valueOf(SmtpSink.PORT));
        }
        if (!isSet(launcherEnvironment, "DEV_AUTH_ENABLED")) {
            environment.put("DEV_AUTH_ENABLED", "true");
        }
        if (!isSet(launcherEnvironment, "COSELL_LOCAL_MODE")) {
            environment.put("COSELL_LOCAL_MODE", "true");
        }
        if (service.equals(CosellService.PORTAL)) {
            environment.put("COSELL_API_URL", CosellService.GATEWAY.baseUrl());
            // the portal's sign-in form gets its tokens from the gateway's dev issuer, so only while that is on
            environment.put("DEV_SIGN_IN_ENABLED", String.valueOf(devAuthEnabled(launcherEnvironment)));
        }
        // An identity provider the user named is theirs whole: never mix in the gateway's keys or issuer.
        if (!isSet(launcherEnvironment, "JWT_JWK_SET_URI") && !isSet(launcherEnvironment, "JWT_ISSUER_URI")) {
            environment.put("JWT_JWK_SET_URI", DEV_JWK_SET_URI);
            environment.put("JWT_ISSUER_URI", DEV_ISSUER);
        }
        return environment;
    }

    /** Whether the launcher runs its own SMTP sink: only when the user named no mail server. */
    static boolean runsSmtpSink(Map<String, String> launcherEnvironment) {
        return !isSet(launcherEnvironment, "SMTP_HOST");
    }

    static boolean devAuthEnabled(Map<String, String> launcherEnvironment) {
        return !isSet(launcherEnvironment, "DEV_AUTH_ENABLED")
                || Boolean.parseBoolean(launcherEnvironment.get("DEV_AUTH_ENABLED").trim());
    }

    private static boolean isSet(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }
}
