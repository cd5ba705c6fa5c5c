package org.cosell.deploy;

import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's own configuration says, read from its {@code application.yml} and, when it imports
 * it, service-support's {@code cosell-service-defaults.yml}: the environment variables its
 * {@code ${VARIABLE:default}} placeholders read, and each property's value as written.
 */
final class ServiceSettings {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    private final String service;
    /** Flattened properties, e.g. {@code server.port -> ${SERVER_PORT:8081}}; the service's file wins. */
    private final Map<String, String> properties = new LinkedHashMap<>();

    private ServiceSettings(String service) {
        this.service = service;
    }

    static ServiceSettings of(Path repository, String module) {
        ServiceSettings settings = new ServiceSettings(module);
        Path application = repository.resolve(module).resolve("src/main/resources/application.yml");
        if (!Files.isRegularFile(application)) {
            throw new IllegalArgumentException("no " + application + ": is " + module + " a service module?");
        }
        settings.load(application);
        if (settings.properties.getOrDefault("spring.config.import", "").contains("cosell-service-defaults.yml")) {
            Map<String, String> own = new LinkedHashMap<>(settings.properties);
            settings.properties.clear();
            settings.load(repository.resolve("service-support/src/main/resources/cosell-service-defaults.yml"));
            settings.properties.putAll(own);
        }
        return settings;
    }

    private void load(Path file) {
        for (JsonNode document : Kustomization.readAll(file)) {
            flatten("", document);
        }
    }

    private void flatten(String prefix, JsonNode node) {
        if (node.isObject()) {
            node.properties().forEach(field -> flatten(prefix.isEmpty() ? field.getKey()
                    : prefix + "." + field.getKey(), field.getValue()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i));
            }
        } else {
            properties.put(prefix, node.asString());
        }
    }

    String service() {
        return service;
    }

    /** Every environment variable a placeholder of the service's configuration reads. */
    Set<String> variables() {
        Set<String> variables = new HashSet<>();
        for (String value : properties.values()) {
            Matcher placeholder = PLACEHOLDER.matcher(value);
            while (placeholder.find()) {
                variables.add(placeholder.group(1));
            }
        }
        return variables;
    }

    boolean hasPropertyUnder(String prefix) {
        return properties.keySet().stream().anyMatch(key -> key.startsWith(prefix + "."));
    }

    Optional<String> raw(String property) {
        return Optional.ofNullable(properties.get(property));
    }

    /** The property's value with these variables set, as Spring resolves a {@code ${VARIABLE:default}}. */
    String resolved(String property, Map<String, String> environment) {
        String value = raw(property).orElseThrow(() -> new IllegalArgumentException(service + " has no " + property));
        Matcher placeholder = PLACEHOLDER.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (placeholder.find()) {
            String replacement = environment.containsKey(placeholder.group(1)) ? environment.get(placeholder.group(1))
                    : Optional.ofNullable(placeholder.group(2)).orElseThrow(() -> new IllegalArgumentException(
                    service + ": " + property + " needs " + placeholder.group(1)));
            placeholder.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(resolved);
        return resolved.toString();
    }

    /** The health groups the service serves at {@code /actuator/health/<group>} on its management port. */
    Set<String> healthGroups() {
        Set<String> groups = new HashSet<>();
        if (Boolean.parseBoolean(properties.getOrDefault("management.endpoint.health.probes.enabled", "false"))) {
            groups.addAll(List.of("liveness", "readiness"));
        }
        properties.keySet().stream()
                .filter(key -> key.startsWith("management.endpoint.health.group."))
                .map(key -> key.substring("management.endpoint.health.group.".length()).split("\\.")[0])
                .forEach(groups::add);
        return groups;
    }
}
