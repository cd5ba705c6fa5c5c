package org.cosell.portal.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ReturnPathTest {

    @ParameterizedTest(name = "{0} {1} (Referer {2}) -> {3}")
    @CsvSource(delimiter = '|', value = {
            "GET  | /opportunities/42      |                                         | /opportunities/42",
            "POST | /opportunities/42/won  | http://localhost:8080/opportunities/42  | /opportunities/42",
            "POST | /opportunities/42/won  | https://evil.example//evil.example/x    | /opportunities",
            "POST | /opportunities/42/won  | https://evil.example/\\evil              | /opportunities",
            "POST | /opportunities/42/won  | http://localhost:8080/sign-in?expired   | /opportunities",
            "POST | /opportunities/42/won  | not a url at all                        | /opportunities",
            "POST | /opportunities/42/won  |                                         | /opportunities" })
    void returnsOnlyToPagesOfThisSite(String method, String path, String referer, String expected) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (referer != null) {
            request.addHeader("Referer", referer);
        }

        ReturnPath.remember(request);

        assertThat(ReturnPath.take(request.getSession())).isEqualTo(expected);
        assertThat(ReturnPath.take(request.getSession())).as("read once").isEqualTo("/opportunities");
    }
}
