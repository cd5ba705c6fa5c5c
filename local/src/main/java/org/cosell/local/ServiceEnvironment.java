package org.cosell.local;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment a service gets from the launcher: the launcher's own, plus where the local
 * infrastructure listens and the local defaults of SPEC §2. {@code SERVER_PORT} is always the
 * service's own; SMTP, dev auth and the JWT key set are only filled in when the user set none.
 */
final class ServiceEnvironment {

    static final String DEV_JWK_SET_URI = CosellService.GATEWAY.baseUrl() + "/dev/jwks.json";

    private ServiceEnvironment() {
    }

    static Map<String, String> of(CosellService service, Map<String, String> launcherEnvironment) {
        Map<String, String> environment = new HashMap<>(launcherEnvironment);
        environment.put("SERVER_PORT", String.valueOf(service.port()));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.BOOTSTRAP_SERVERS);
        environment.put("MONGODB_URI", EmbeddedMongo.URI);
        if (!isSet(launcherEnvironment, "SMTP_HOST")) {
            environment.put("SMTP_HOST", "localhost");
            environment.put("SMTP_PORT", String.valueOf(SmtpSink.PORT));
        }
        if (!isSet(launcherEnvironment, "DEV_AUTH_ENABLED")) {
            environment.put("DEV_AUTH_ENABLED", "true");
        }
        // A real identity provider named by its issuer brings its own keys: do not point at the gateway's.
        if (!isSet(launcherEnvironment, "JWT_JWK_SET_URI") && !isSet(launcherEnvironment, "JWT_ISSUER_URI")) {
            environment.put("JWT_JWK_SET_URI", DEV_JWK_SET_URI);
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
