package org.cosell.support.web;

import jakarta.servlet.http.HttpServletResponse;
import org.cosell.contracts.ProblemType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * RFC 9457 problem details as the API writes them: a {@link ProblemType} naming the kind of problem,
 * a title from the status, a detail for people.
 */
public final class Problems {

    /** Extension member listing each invalid field of a 400. */
    public static final String ERRORS = "errors";

    private static final URI BLANK_TYPE = URI.create("about:blank");

    private Problems() {
    }

    /** A problem of the type {@link ProblemType#forStatus} gives {@code status}. */
    public static ProblemDetail of(HttpStatus status, String detail) {
        ProblemDetail problem = typed(ProblemDetail.forStatusAndDetail(status, detail));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        HttpStatus status = HttpStatus.valueOf(type.status());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type.uri());
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    public static ProblemDetail invalid(List<FieldError> errors) {
        ProblemDetail problem = of(ProblemType.VALIDATION, "The request has invalid fields");
        problem.setProperty(ERRORS, errors);
        return problem;
    }

    /**
     * Gives a problem built elsewhere (Spring MVC's own, for a wrong method, say) the type of its
     * status, unless it has a type already.
     */
    public static ProblemDetail typed(ProblemDetail problem) {
        if (problem.getType() == null || BLANK_TYPE.equals(problem.getType())) {
            ProblemType.forStatus(problem.getStatus()).ifPresent(type -> problem.setType(type.uri()));
        }
        return problem;
    }

    /** Writes {@code problem} as the whole response: for filters and handlers that answer before Spring MVC. */
    public static void write(HttpServletResponse response, ProblemDetail problem, JsonMapper jsonMapper)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }

    /**
     * Writes {@code problem} as the whole response and closes the connection after it: for a request
     * whose body is refused unread. Tomcat would read on to the end of such a body only up to its
     * swallow limit and then drop the connection, and a response still streaming then is cut short;
     * this one is complete on the wire, length included, before that happens.
     */
    public static void writeAndClose(HttpServletResponse response, ProblemDetail problem, JsonMapper jsonMapper)
            throws IOException {
        byte[] body = jsonMapper.writeValueAsBytes(problem);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** One invalid field: a JSON path such as {@code employees[0].email}, and what is wrong with it. */
    public record FieldError(String field, String message) {

        /** The field a JSON value of the wrong type was given for, named as Bean Validation names fields. */
        public static FieldError mistyped(DatabindException exception) {
            StringBuilder path = new StringBuilder();
            for (JacksonException.Reference reference : exception.getPath()) {
                if (reference.getPropertyName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            return new FieldError(path.toString(), "is not a valid value");
        }
    }
}
