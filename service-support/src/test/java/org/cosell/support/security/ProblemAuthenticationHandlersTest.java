package org.cosell.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemAuthenticationHandlersTest {

    private final ProblemAuthenticationHandlers handlers = new ProblemAuthenticationHandlers(JsonMapper.builder().build());

    @Test
    void aTokenThatCouldNotBeCheckedBecauseTheKeysAreUnreachableIsAnOutageNotTheCallersFault() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        handlers.onAuthenticationFailure(new MockHttpServletRequest(), response, new AuthenticationServiceException(
                "An error occurred while attempting to decode the Jwt: I/O error on GET request for \"http://idp/jwks.json\""));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("identity provider").doesNotContain("idp/jwks.json");
    }

    @Test
    void aBadTokenIsStill401() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        handlers.onAuthenticationFailure(new MockHttpServletRequest(), response, new InvalidBearerTokenException("Jwt expired"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    }
}
