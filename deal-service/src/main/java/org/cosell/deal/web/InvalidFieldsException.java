package org.cosell.deal.web;

import org.cosell.support.web.Problems;

import java.util.List;

/** Several invalid fields of one request, all reported in one 400 (see {@link InvalidFieldsAdvice}). */
class InvalidFieldsException extends RuntimeException {

    private final List<Problems.FieldError> errors;

    InvalidFieldsException(List<Problems.FieldError> errors) {
        super("The request has invalid fields");
        this.errors = List.copyOf(errors);
    }

    List<Problems.FieldError> errors() {
        return errors;
    }
}
