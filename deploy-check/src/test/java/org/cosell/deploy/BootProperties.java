package org.cosell.deploy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Spring Boot's own properties, from the configuration metadata of the Boot modules on this test's
 * class path, and the environment variable each binds from. A service reads such a variable when its
 * configuration uses the property's group (e.g. {@code spring.kafka}): that is how the overlays pass
 * Kafka's SASL/TLS settings and SMTP credentials, which have no placeholder of their own.
 */
final class BootProperties {

    /** Property name without dashes, dots for separators (as a variable maps onto it) → is it a map. */
    private final Map<String, Boolean> properties = new HashMap<>();

    BootProperties() {
        ObjectMapper json = new ObjectMapper();
        try {
            for (URL metadata : Collections.list(getClass().getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = metadata.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        properties.put(property.get("name").asString().replace("-", ""),
                                property.path("type").asString().startsWith("java.util.Map"));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Boot property the variable binds to, e.g. {@code SPRING_KAFKA_SSL_TRUSTSTORETYPE → spring.kafka.ssl.truststoretype}. */
    String propertyOf(String variable) {
        String candidate = variable.toLowerCase(Locale.ROOT).replace('_', '.');
        if (properties.containsKey(candidate)) {
            return candidate;
        }
        return properties.entrySet().stream()
                .filter(property -> property.getValue() && candidate.startsWith(property.getKey() + "."))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }
}
