package org.cosell.support.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * Takes the place of Boot's error controller, so what the servlet container forwards to the error
 * path answers problem+json like the rest of the API, and never with Boot's own body or a stack
 * trace's message. Called directly ({@code GET /error}), where no error is being handled, it answers
 * 404, as for any path the API does not have. The response is written here, whatever the
 * {@code Accept} header asks for: content negotiation failing inside the error path has nowhere left
 * to go.
 */
@Controller
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final JsonMapper jsonMapper;

    public ProblemErrorController(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        Problems.write(response, problemFor(request), jsonMapper);
    }

    static ProblemDetail problemFor(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)) {
            return Problems.of(HttpStatus.NOT_FOUND, "No such resource");
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null || status.is5xxServerError()) {
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            log.error("Request to {} failed with {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), code,
                    failure instanceof Throwable throwable ? throwable : null);
            return Problems.of(status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status, "Something went wrong on our side");
        }
        return Problems.of(status, "The request was refused: " + status.getReasonPhrase());
    }
}
