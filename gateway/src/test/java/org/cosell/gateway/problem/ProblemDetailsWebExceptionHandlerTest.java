package org.cosell.gateway.problem;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsWebExceptionHandlerTest {

    final ProblemDetailsWebExceptionHandler handler =
            new ProblemDetailsWebExceptionHandler(new ProblemDetailWriter(ServerCodecConfigurer.create()));

    @Test
    void answersAnUnexpectedFailureWith500ProblemThatLeaksNothing() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/deals"));

        handler.handle(exchange, new IllegalStateException("connection string with a password")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"type\":\"urn:cosell:problem:internal-error\"", "\"title\":\"Internal Server Error\"",
                        "\"status\":500",
                        "\"detail\":\"The gateway failed to handle the request\"", "\"instance\":\"/api/deals\"")
                .doesNotContain("password");
    }

    @Test
    void answersAnUnknownPathWith404Problem() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/nowhere"));

        handler.handle(exchange, new ResponseStatusException(HttpStatus.NOT_FOUND)).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"type\":\"urn:cosell:problem:not-found\"", "\"status\":404",
                        "\"detail\":\"Nothing is served at /nowhere\"");
    }

    @Test
    void keepsTheHeadersOfTheFailure() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.delete("/dev/token"));

        handler.handle(exchange, new MethodNotAllowedException(HttpMethod.DELETE, Set.of(HttpMethod.POST))).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.ALLOW)).isEqualTo("POST");
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
