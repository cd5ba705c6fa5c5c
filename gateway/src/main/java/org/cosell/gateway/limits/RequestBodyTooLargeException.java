package org.cosell.gateway.limits;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

/** A request body above the limit: 413, never a sign that a service is failing. */
public class RequestBodyTooLargeException extends ResponseStatusException {

    public RequestBodyTooLargeException(DataSize limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than the limit of " + limit.toBytes() + " bytes");
        getBody().setDetail(getReason());
    }
}
