package org.cosell.support.web;

import jakarta.validation.ConstraintViolationException;
import org.cosell.support.DatabaseOutage;
import org.cosell.support.domain.NotFoundException;
import org.cosell.support.domain.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place where a service turns exceptions into {@code application/problem+json}. Malformed
 * input of any kind answers 4xx; only a fault of our own answers 500, and it is logged.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final List<ProblemMapping> mappings;

    public ProblemDetailsAdvice(List<ProblemMapping> mappings) {
        this.mappings = List.copyOf(mappings);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException exception) {
        return respond(Problems.of(HttpStatus.NOT_FOUND, exception.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException exception) {
        return respond(Problems.invalid(List.of(
                new Problems.FieldError(exception.getName(), "is not a valid value"))));
    }

    @ExceptionHandler(InvalidFieldsException.class)
    ResponseEntity<ProblemDetail> invalidFields(InvalidFieldsException exception) {
        return respond(Problems.invalid(exception.errors()));
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolation(RuleViolation exception) {
        return respond(Problems.invalid(List.of(new Problems.FieldError(exception.field(), exception.getMessage()))));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException exception) {
        return respond(Problems.invalid(exception.getConstraintViolations().stream()
                .map(violation -> new Problems.FieldError(lastNode(violation.getPropertyPath().toString()),
                        violation.getMessage()))
                .toList()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied() {
        return respond(Problems.of(HttpStatus.FORBIDDEN, "Your role does not allow this"));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated() {
        return respond(Problems.of(HttpStatus.UNAUTHORIZED, "A valid bearer token is required"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> other(Exception exception) {
        RequestBodyTooLargeException tooLarge = tooLarge(exception);
        if (tooLarge != null) {
            return respond(Problems.of(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage()));
        }
        for (ProblemMapping mapping : mappings) {
            if (mapping.exceptionType().isInstance(exception)) {
                return respond(Problems.of(mapping.type(), exception.getMessage()));
            }
        }
        if (DatabaseOutage.causedBy(exception)) {
            log.warn("Request refused while the database is unreachable: {}", exception.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                    .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "The database is unreachable; try again shortly"));
        }
        log.error("Request failed", exception);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        exception.getBindingResult().getFieldErrors().forEach(error ->
                errors.add(new Problems.FieldError(error.getField(), error.getDefaultMessage())));
        exception.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(new Problems.FieldError(error.getObjectName(), error.getDefaultMessage())));
        return new ResponseEntity<>(Problems.invalid(errors), headers, HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : exception.getParameterValidationResults()) {
            if (result instanceof ParameterErrors bound) {
                // parameters bound to an object (a filter record) are named by their own names
                bound.getFieldErrors().forEach(error ->
                        errors.add(new Problems.FieldError(error.getField(), error.getDefaultMessage())));
            } else {
                result.getResolvableErrors().forEach(error ->
                        errors.add(new Problems.FieldError(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())));
            }
        }
        return new ResponseEntity<>(Problems.invalid(errors), headers, HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = tooLarge(exception);
        if (tooLarge != null) {
            return new ResponseEntity<>(Problems.of(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage()), headers,
                    HttpStatus.CONTENT_TOO_LARGE);
        }
        if (exception.getCause() instanceof StreamConstraintsException) {
            return new ResponseEntity<>(Problems.of(HttpStatus.BAD_REQUEST,
                    "The body is nested too deeply or has a value too long"), headers, HttpStatus.BAD_REQUEST);
        }
        if (exception.getCause() instanceof DatabindException mismatch && !mismatch.getPath().isEmpty()) {
            return new ResponseEntity<>(Problems.invalid(List.of(Problems.FieldError.mistyped(mismatch))), headers,
                    HttpStatus.BAD_REQUEST);
        }
        return new ResponseEntity<>(Problems.of(HttpStatus.BAD_REQUEST, "The body is not valid JSON of the expected shape"),
                headers, HttpStatus.BAD_REQUEST);
    }

    /** Spring MVC's own problems (405, 406, 415, a missing parameter) get their status's type too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        return super.createResponseEntity(body instanceof ProblemDetail problem ? Problems.typed(problem) : body,
                headers, statusCode, request);
    }

    /** A body cut off by {@link RequestBodyLimitFilter}, however deep the parser and MVC wrapped it. */
    private static RequestBodyTooLargeException tooLarge(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
