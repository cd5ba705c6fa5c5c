package org.cosell.deal.web;

import org.cosell.support.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers {@link InvalidFieldsException} with the same problem+json as every other 400 of the
 * service. The shared advice reports a programmatic validation by the last segment of each path
 * ({@code email} for {@code employees[0].email}); a merge patch is validated programmatically,
 * after it is applied, and its errors need the whole path. Ordered before the shared advice, and
 * handling nothing else.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidFieldsAdvice {

    @ExceptionHandler(InvalidFieldsException.class)
    ResponseEntity<ProblemDetail> invalidFields(InvalidFieldsException exception) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Problems.invalid(exception.errors()));
    }
}
