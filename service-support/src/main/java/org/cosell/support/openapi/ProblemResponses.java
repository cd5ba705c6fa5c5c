package org.cosell.support.openapi;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import java.util.Set;

/**
 * Error statuses an operation can answer that its shape does not show, for the OpenAPI document
 * ({@link ApiDocumentCustomizer}): a service declares one per such operation, e.g. a create that
 * refuses a duplicate with 409.
 */
public record ProblemResponses(HttpMethod method, String path, Set<HttpStatus> statuses) {

    public ProblemResponses {
        statuses = Set.copyOf(statuses);
    }

    public static ProblemResponses of(HttpMethod method, String path, HttpStatus... statuses) {
        return new ProblemResponses(method, path, Set.of(statuses));
    }
}
