package org.cosell.support.web;

import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsAdviceTest {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice(
            List.of(ProblemMapping.of(IllegalStateException.class, HttpStatus.CONFLICT)), JsonMapper.builder().build());
    private final HttpServletResponse response = new MockHttpServletResponse();

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfterNotA500() throws Exception {
        ResponseEntity<ProblemDetail> answer = advice.other(new IllegalArgumentException("wrapped",
                new DataAccessResourceFailureException("Timed out after 30000 ms while waiting to connect")), response);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody().getDetail()).doesNotContain("30000");
    }

    @Test
    void aMappedDomainExceptionTakesItsStatusAndAnythingElseIsA500() throws Exception {
        assertThat(advice.other(new IllegalStateException("moved on"), response).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(advice.other(new NullPointerException(), response).getStatusCode())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
