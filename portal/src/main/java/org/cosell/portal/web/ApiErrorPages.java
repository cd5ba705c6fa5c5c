package org.cosell.portal.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.cosell.portal.api.ApiException;
import org.cosell.portal.api.ApiUnavailableException;
import org.cosell.portal.security.ReturnPath;
import org.cosell.portal.security.SignInEntryPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * What a person sees when the API says no, or cannot be reached, on any page: never a stack trace.
 * <ul>
 * <li>401: the token expired or was refused. The session ends; sign-in follows, then the page it
 * was on.</li>
 * <li>403 and 404: a page saying so (another partner's id is a 404 like any unknown one).</li>
 * <li>502, 503, 504, or no answer: a banner to try again in a minute. For an htmx call the banner
 * goes into the page's alert area, so the rest of the page stays as it was.</li>
 * <li>anything else (409, 422, 429…): the problem's own sentence.</li>
 * </ul>
 * Forms handle their own 400, 409 and 412 next to their fields before anything reaches this.
 */
@ControllerAdvice
class ApiErrorPages {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorPages.class);

    @ExceptionHandler(ApiUnavailableException.class)
    ModelAndView unreachable(ApiUnavailableException e, HttpServletRequest request, HttpServletResponse response) {
        log.warn("The API could not be reached: {}", e.getCause() == null ? e.toString() : e.getCause().toString());
        return unavailable(request, response);
    }

    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (e.isUnavailable()) {
            log.warn("The API is unavailable: {}", e.getMessage());
            return unavailable(request, response);
        }
        return switch (e.status()) {
            case 401 -> signInAgain(request, response);
            case 403 -> page(response, HttpStatus.FORBIDDEN, "error/403");
            case 404 -> page(response, HttpStatus.NOT_FOUND, "error/not-found");
            default -> {
                ModelAndView page = page(response, HttpStatus.valueOf(e.status()), "error/problem");
                page.addObject("detail", e.problem().detail());
                page.addObject("status", e.status());
                yield page;
            }
        };
    }

    private static ModelAndView unavailable(HttpServletRequest request, HttpServletResponse response) {
        if (isHtmx(request)) {
            // htmx swaps no error answers: a 200 whose target is the alert area, not the element asked for
            response.setHeader("HX-Retarget", "#alerts");
            response.setHeader("HX-Reswap", "innerHTML");
            return new ModelAndView("layout :: unavailable");
        }
        return page(response, HttpStatus.SERVICE_UNAVAILABLE, "error/unavailable");
    }

    private static ModelAndView signInAgain(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        ReturnPath.remember(request);
        SignInEntryPoint.redirectToSignIn(request, response, SignInEntryPoint.SIGN_IN + "?expired");
        return null;
    }

    private static ModelAndView page(HttpServletResponse response, HttpStatus status, String view) {
        response.setStatus(status.value());
        ModelAndView page = new ModelAndView(view);
        page.setStatus(status);
        return page;
    }

    private static boolean isHtmx(HttpServletRequest request) {
        return request.getHeader("HX-Request") != null;
    }
}
