package org.cosell.portal.api;

/**
 * The API answered with an error status. 401 (the user's token expired or was refused), 403, 404,
 * 409, 412 and 400 each mean something to a page; 502, 503 and 504 mean the API could not be
 * reached or did not answer (see {@link #isUnavailable()}).
 */
public class ApiException extends RuntimeException {

    private final int status;

    private final transient ApiProblem problem;

    public ApiException(int status, ApiProblem problem) {
        super("The API answered " + status + (problem.detail() == null ? "" : ": " + problem.detail()));
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public ApiProblem problem() {
        return problem;
    }

    public boolean isUnavailable() {
        return status == 502 || status == 503 || status == 504;
    }
}
