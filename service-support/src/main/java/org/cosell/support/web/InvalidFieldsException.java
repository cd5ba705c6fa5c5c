package org.cosell.support.web;

import java.util.List;

/**
 * Several invalid fields of one request found by the service itself (a merge patch checked after it
 * is applied, say), all reported in one 400 with their full paths, like Bean Validation's.
 */
public class InvalidFieldsException extends RuntimeException {

    private final List<Problems.FieldError> errors;

    public InvalidFieldsException(List<Problems.FieldError> errors) {
        super("The request has invalid fields");
        this.errors = List.copyOf(errors);
    }

    public List<Problems.FieldError> errors() {
        return errors;
    }
}
