package org.cosell.support.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MediaTypeHeadersFilterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MediaTypeHeadersFilter filter = new MediaTypeHeadersFilter(JSON);

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "*/*; charset=UTF-8", ";;;", "/", "json", "application/json, text/plain"})
    void aContentTypeThatIsNotOneConcreteMediaTypeAnswers415Problem(String contentType) throws Exception {
        MockHttpServletResponse response = filter(contentType);

        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(response.getContentAsString());
        assertThat(problem.get("status").asInt()).isEqualTo(415);
        assertThat(problem.get("title").asString()).isEqualTo("Unsupported Media Type");
        assertThat(problem.get("detail").asString()).isEqualTo(MediaTypeHeadersFilter.CONTENT_TYPE_DETAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/merge-patch+json", "application/json;;;",
            "text/plain; charset=ISO-8859-1", " "})
    void aConcreteMediaTypeOrNoneIsLeftToSpringMvc(String contentType) throws Exception {
        MockHttpServletResponse response = filter(contentType);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("passed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"###", "json", "application/json, /", "text/html;q=", "*/*;;;=x"})
    void anAcceptHeaderThatIsNotAListOfMediaTypesAnswers406Problem(String accept) throws Exception {
        MockHttpServletResponse response = filter("application/json", accept);

        assertThat(response.getStatus()).isEqualTo(406);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(response.getContentAsString());
        assertThat(problem.get("status").asInt()).isEqualTo(406);
        assertThat(problem.get("detail").asString()).isEqualTo(MediaTypeHeadersFilter.ACCEPT_DETAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "*/*", "application/problem+json, application/json;q=0.9", "text/html"})
    void aParsableAcceptHeaderIsLeftToSpringMvc(String accept) throws Exception {
        MockHttpServletResponse response = filter("application/json", accept);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("passed");
    }

    private MockHttpServletResponse filter(String contentType) throws Exception {
        return filter(contentType, null);
    }

    private MockHttpServletResponse filter(String contentType, String accept) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/deals");
        request.addHeader("Content-Type", contentType);
        if (accept != null) {
            request.addHeader("Accept", accept);
        }
        request.setContent("{}".getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest passed, HttpServletResponse answer) throws IOException {
                answer.getWriter().write("passed");
            }
        }));
        return response;
    }
}
