package org.cosell.portal.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An API error answer (application/problem+json); {@code errors} names each invalid field of a 400
 * by its JSON path ({@code employees[0].email}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiProblem(String title, Integer status, String detail, List<FieldError> errors) {

    public ApiProblem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldError(String field, String message) {
    }
}
