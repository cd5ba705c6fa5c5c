package org.cosell.support.web;

import java.io.IOException;

/**
 * A request body went past the limit while it was being read. An {@link IOException}, so the JSON
 * parser and Spring MVC pass it on as a failed read; {@link ProblemDetailsAdvice} finds it in the
 * causes and answers 413.
 */
public class RequestBodyTooLargeException extends IOException {

    public RequestBodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
