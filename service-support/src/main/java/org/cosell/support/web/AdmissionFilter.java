package org.cosell.support.web;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.micrometer.core.instrument.Counter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * Admits at most {@link RequestLimits#maxConcurrentRequests()} API requests at once and answers the
 * next ones 503 problem+json with {@code Retry-After: 1} before any work on them starts (no token
 * check, no body read, no database call): under a burst, those admitted finish in time and the rest
 * are told at once to come back, instead of every request queueing until all of them are late. The
 * bulkhead does not wait for a free place; each refusal counts in {@code cosell.http.requests.refused}.
 */
public class AdmissionFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "1";

    private final Bulkhead bulkhead;
    private final Counter refused;
    private final JsonMapper jsonMapper;

    public AdmissionFilter(Bulkhead bulkhead, Counter refused, JsonMapper jsonMapper) {
        this.bulkhead = bulkhead;
        this.refused = refused;
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!bulkhead.tryAcquirePermission()) {
            refused.increment();
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            Problems.write(response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                    "The service is busy with other requests; try again in a second"), jsonMapper);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            bulkhead.onComplete();
        }
    }
}
