package org.cosell.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * Refuses, with a problem+json body, a request whose media type headers Spring MVC cannot answer
 * properly. An {@code Accept} header that does not parse as a list of media types gets 406: Spring MVC
 * answers that too, but with an empty body, as no converter may write what the caller cannot accept.
 * <p>
 * A request whose {@code Content-Type} is not one concrete media type — a wildcard such as
 * {@code *}{@code /*} or {@code application/*}, or no media type at all — with 415 problem+json,
 * whatever the method. Spring MVC cannot be left to do it: a wildcard parses as a media type, and
 * {@code ServletServerHttpRequest.getHeaders()} then throws {@link IllegalArgumentException} when it
 * adds the request's charset to it (spring-framework#27957), so the request answered 500 from
 * wherever the headers were read first. Runs after Spring Security, so a caller without a valid
 * token still gets its 401.
 */
public class MediaTypeHeadersFilter extends OncePerRequestFilter {

    static final String CONTENT_TYPE_DETAIL = "Content-Type must be one concrete media type, such as application/json";
    static final String ACCEPT_DETAIL = "Accept must be a list of media types, such as application/json";

    private final JsonMapper jsonMapper;

    public MediaTypeHeadersFilter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (StringUtils.hasText(accept) && !isMediaTypeList(accept)) {
            Problems.write(response, Problems.of(HttpStatus.NOT_ACCEPTABLE, ACCEPT_DETAIL), jsonMapper);
            return;
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (!StringUtils.hasText(contentType) || isConcrete(contentType)) {
            chain.doFilter(request, response);
            return;
        }
        Problems.write(response, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, CONTENT_TYPE_DETAIL), jsonMapper);
    }

    static boolean isMediaTypeList(String accept) {
        try {
            MediaType.parseMediaTypes(accept);
            return true;
        } catch (InvalidMediaTypeException notMediaTypes) {
            return false;
        }
    }

    static boolean isConcrete(String contentType) {
        try {
            return MediaType.parseMediaType(contentType).isConcrete();
        } catch (InvalidMediaTypeException notAMediaType) {
            return false;
        }
    }
}
