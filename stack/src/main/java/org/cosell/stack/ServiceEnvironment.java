package org.cosell.stack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a service gets from the stack: the one it is given, plus where the local
 * infrastructure listens and the local defaults of docs/running.md. {@code SERVER_PORT} and {@code
 * MANAGEMENT_PORT} are always the service's own, and it listens on the bind address, API and
 * management port alike; SMTP, dev auth, local mode, plain-text logs and the identity provider are
 * only filled in when the given environment sets none. The portal is pointed at the gateway, and signs users in
 * with the gateway's dev tokens exactly when the gateway issues them. The local identity provider is
 * the gateway's {@link DevIssuer}: its key set and the issuer its tokens name, both or neither, since
 * a service refuses to start with a key set but no issuer.
 */
public final class ServiceEnvironment {

    /** Where the services listen unless the user says otherwise: nothing outside this machine reaches them. */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    /**
     * What a service writes to the terminal under the stack: one plain line per log event (time,
     * level, trace id when there is one, logger, message; the lines of a message and the first
     * lines of an exception and its causes folded onto it with {@code |}), where the services' own
     * default is ECS JSON for the log collectors of containers. The launcher puts the service's name
     * in front of each line.
     */
    public static final String PLAIN_LOG_LINE =
            "%d{HH:mm:ss.SSS} %-5level %replace([%X{traceId}] ){'^\\[\\] $', ''}%logger{36} - "
                    + "%replace(%msg%replace( %ex{short}){'\\s+$', ''}){'\\s*[\\r\\n]+\\s*', ' | '}%nopex%n";

    /**
     * Every variable of docs/running.md that the stack sets or that changes how a service behaves in
     * it, and {@code JAVA_TOOL_OPTIONS}, which every JVM reads.
     */
    public static final List<String> STACK_VARIABLES = List.of("SMTP_HOST", "SMTP_PORT", "DEV_AUTH_ENABLED",
            "JWT_ISSUER_URI", "JWT_JWK_SET_URI", "KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI", "SERVER_PORT",
            "MANAGEMENT_PORT", "SERVER_ADDRESS", "MANAGEMENT_SERVER_ADDRESS", "COSELL_LOCAL_MODE",
            "REFERRAL_RESPONSE_WINDOW", "ENGAGEMENT_RESPONSE_WINDOW", "EXPIRY_REMINDER_BEFORE", "JAVA_TOOL_OPTIONS",
            "LOGGING_STRUCTURED_FORMAT_CONSOLE", "LOGGING_PATTERN_CONSOLE");

    private ServiceEnvironment() {
    }

    /** The address the user chose ({@code requested}, else {@code SERVER_ADDRESS}), else 127.0.0.1. */
    public static String bindAddress(String requested, Map<String, String> given) {
        if (requested != null && !requested.isBlank()) {
            return requested.strip();
        }
        return isSet(given, "SERVER_ADDRESS") ? given.get("SERVER_ADDRESS").strip() : DEFAULT_BIND_ADDRESS;
    }

    /** Where to ask a service listening on {@code bindAddress}: loopback when it listens everywhere. */
    public static String probeHost(String bindAddress) {
        return switch (bindAddress) {
            case "0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0" -> DEFAULT_BIND_ADDRESS;
            default -> bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
        };
    }

    /** {@code given} without any {@link #STACK_VARIABLES}: a run whose every setting is the stack's own. */
    public static Map<String, String> withoutStackVariables(Map<String, String> given) {
        Map<String, String> environment = new HashMap<>(given);
        STACK_VARIABLES.forEach(environment::remove);
        return environment;
    }

    public static Map<String, String> of(CosellService service, String bindAddress, Map<String, String> given) {
        Map<String, String> environment = new HashMap<>(given);
        environment.put("SERVER_PORT", String.valueOf(service.port()));
        environment.put("MANAGEMENT_PORT", String.valueOf(service.managementPort()));
        environment.put("SERVER_ADDRESS", bindAddress);
        environment.put("MANAGEMENT_SERVER_ADDRESS", bindAddress);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.BOOTSTRAP_SERVERS);
        environment.put("MONGODB_URI", EmbeddedMongo.URI);
        if (!isSet(given, "SMTP_HOST")) {
            environment.put("SMTP_HOST", "localhost");
            environment.put("SMTP_PORT", String.valueOf(SmtpSink.PORT));
        }
        if (!isSet(given, "DEV_AUTH_ENABLED")) {
            environment.put("DEV_AUTH_ENABLED", "true");
        }
        if (!isSet(given, "COSELL_LOCAL_MODE")) {
            environment.put("COSELL_LOCAL_MODE", "true");
        }
        // Boot logs plain text when no structured format is named; a format or pattern the user named is kept.
        if (!given.containsKey("LOGGING_STRUCTURED_FORMAT_CONSOLE")) {
            environment.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "");
        }
        if (!given.containsKey("LOGGING_PATTERN_CONSOLE")) {
            environment.put("LOGGING_PATTERN_CONSOLE", PLAIN_LOG_LINE);
        }
        if (service.equals(CosellService.PORTAL)) {
            environment.put("COSELL_API_URL", CosellService.GATEWAY.baseUrl());
            // the portal's sign-in form gets its tokens from the gateway's dev issuer, so only while that is on
            environment.put("DEV_SIGN_IN_ENABLED", String.valueOf(devAuthEnabled(given)));
        }
        // An identity provider the user named is theirs whole: never mix in the gateway's keys or issuer.
        if (!isSet(given, "JWT_JWK_SET_URI") && !isSet(given, "JWT_ISSUER_URI")) {
            environment.put("JWT_JWK_SET_URI", DevIssuer.KEY_SET_URI);
            environment.put("JWT_ISSUER_URI", DevIssuer.ISSUER);
        }
        return environment;
    }

    /** Whether the stack runs its own SMTP sink: only when the given environment names no mail server. */
    public static boolean runsSmtpSink(Map<String, String> given) {
        return !isSet(given, "SMTP_HOST");
    }

    public static boolean devAuthEnabled(Map<String, String> given) {
        return !isSet(given, "DEV_AUTH_ENABLED") || Boolean.parseBoolean(given.get("DEV_AUTH_ENABLED").trim());
    }

    private static boolean isSet(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }
}
