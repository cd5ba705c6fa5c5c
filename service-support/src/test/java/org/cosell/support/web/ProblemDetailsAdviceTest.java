package org.cosell.support.web;

import org.cosell.contracts.ProblemType;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.context.request.ServletWebRequest;
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

    @Test
    void everyProblemNamesItsKind() {
        ProblemDetailsAdvice typed = new ProblemDetailsAdvice(List.of(
                ProblemMapping.of(IllegalStateException.class, ProblemType.STAGE_CONFLICT)));

        assertThat(typed.other(new IllegalStateException("moved on")).getBody().getType())
                .isEqualTo(ProblemType.STAGE_CONFLICT.uri());
        assertThat(advice.other(new IllegalStateException("moved on")).getBody().getType())
                .isEqualTo(ProblemType.CONFLICT.uri());
        assertThat(advice.other(new NullPointerException()).getBody().getType())
                .isEqualTo(ProblemType.INTERNAL_ERROR.uri());
        assertThat(advice.invalidFields(new InvalidFieldsException(List.of(new Problems.FieldError("name", "is blank"))))
                .getBody().getType()).isEqualTo(ProblemType.VALIDATION.uri());
    }

    @Test
    void springMvcsOwnProblemsGetTheTypeOfTheirStatus() throws Exception {
        ResponseEntity<Object> answer = advice.handleException(new HttpRequestMethodNotSupportedException("DELETE"),
                new ServletWebRequest(new MockHttpServletRequest()));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(((ProblemDetail) answer.getBody()).getType()).isEqualTo(ProblemType.METHOD_NOT_ALLOWED.uri());
    }
}
