package org.cosell.local;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment a service gets from the launcher: the launcher's own, plus where the local
 * infrastructure listens and the local defaults of docs/running.md. {@code SERVER_PORT} is always the
 * service's own; SMTP, dev auth and the identity provider are only filled in when the user set none.
 * The local identity provider is the gateway's dev token issuer: its key set and the issuer its tokens
 * name, both or neither, since a service refuses to start with a key set but no issuer.
 */
final class ServiceEnvironment {

    static final String DEV_JWK_SET_URI = CosellService.GATEWAY.baseUrl() + "/dev/jwks.json";

    /** The {@code iss} of the gateway's dev tokens ({@code DevTokenIssuer.ISSUER} in the gateway). */
    static final String DEV_ISSUER = "cosell-local";

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
