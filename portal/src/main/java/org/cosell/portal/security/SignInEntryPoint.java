package org.cosell.portal.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Sends a request without a signed-in session to the sign-in page, remembering where it was. An
 * htmx call gets {@code HX-Redirect}, so the whole page moves rather than the sign-in form being
 * swapped into a table row.
 */
public class SignInEntryPoint implements AuthenticationEntryPoint {

    public static final String SIGN_IN = "/sign-in";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
            throws IOException {
        ReturnPath.remember(request);
        redirectToSignIn(request, response, SIGN_IN);
    }

    /** A plain redirect, or for htmx an {@code HX-Redirect} the browser follows as a whole page. */
    public static void redirectToSignIn(HttpServletRequest request, HttpServletResponse response, String target)
            throws IOException {
        String location = request.getContextPath() + target;
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", location);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        response.sendRedirect(location);
    }
}
