package org.cosell.support.web;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsAdviceTest {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice(
            List.of(ProblemMapping.of(IllegalStateException.class, HttpStatus.CONFLICT)));

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfterNotA500() {
        ResponseEntity<ProblemDetail> answer = advice.other(new IllegalArgumentException("wrapped",
                new DataAccessResourceFailureException("Timed out after 30000 ms while waiting to connect")));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody().getDetail()).doesNotContain("30000");
    }

    @Test
    void aMappedDomainExceptionTakesItsStatusAndAnythingElseIsA500() {
        assertThat(advice.other(new IllegalStateException("moved on")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(advice.other(new NullPointerException()).getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
