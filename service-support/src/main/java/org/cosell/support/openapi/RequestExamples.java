package org.cosell.support.openapi;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A service's request body examples for its OpenAPI document, from {@value #LOCATION} on its class
 * path: a JSON object whose keys name an operation as {@code "<METHOD> <path template>"} (e.g.
 * {@code "POST /api/referrals/{id}/accept"}) and whose values are bodies that operation accepts.
 * A key that names no operation with a body is a mistake, reported when the document is built.
 */
public final class RequestExamples {

    public static final String LOCATION = "openapi-examples.json";

    private final Map<String, Object> bodies;

    private RequestExamples(Map<String, Object> bodies) {
        this.bodies = Map.copyOf(bodies);
    }

    public static RequestExamples load(JsonMapper json) {
        Resource resource = new ClassPathResource(LOCATION);
        if (!resource.exists()) {
            return new RequestExamples(Map.of());
        }
        try (InputStream in = resource.getInputStream()) {
            // plain maps and lists: the document is written with springdoc's own mapper
            return new RequestExamples(json.readValue(in, new TypeReference<Map<String, Object>>() { }));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Cannot read " + LOCATION, unreadable);
        }
    }

    boolean has(String operation) {
        return bodies.containsKey(operation);
    }

    Object get(String operation) {
        return bodies.get(operation);
    }

    void checkAllUsed(Set<String> used) {
        Set<String> unused = new HashSet<>(bodies.keySet());
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw new IllegalStateException(LOCATION + " has examples for operations without a request body or that "
                    + "do not exist: " + unused);
        }
    }
}
