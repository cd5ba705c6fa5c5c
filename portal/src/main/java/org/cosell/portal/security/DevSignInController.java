package org.cosell.portal.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import org.cosell.portal.api.ApiException;
import org.cosell.portal.api.CosellApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The sign-in page, and the local way of signing in: partner id, name, e-mail and roles, for which
 * the gateway's dev issuer signs a token. The session then holds a {@link PortalAuthentication};
 * its id changes at that moment, so an id planted before sign-in is worth nothing after it.
 */
@Controller
class DevSignInController {

    private static final Logger log = LoggerFactory.getLogger(DevSignInController.class);

    private final CosellApi api;

    private final DevSignInProperties devSignIn;

    private final SecurityContextRepository contexts;

    private final CsrfTokenRepository csrfTokens;

    DevSignInController(CosellApi api, DevSignInProperties devSignIn, SecurityContextRepository contexts,
                        CsrfTokenRepository csrfTokens, @Value("${cosell.local-mode:false}") boolean localMode) {
        this.api = api;
        this.devSignIn = devSignIn;
        this.contexts = contexts;
        this.csrfTokens = csrfTokens;
        if (devSignIn.enabled() && !localMode) {
            log.warn("DEV_SIGN_IN_ENABLED=true outside local mode (COSELL_LOCAL_MODE is not true): anybody who can "
                    + "reach /sign-in can sign in as an admin of any partner with the gateway's dev tokens. Never run "
                    + "a shared or production portal like this.");
        }
    }

    @ModelAttribute("devSignIn")
    boolean devSignInEnabled() {
        return devSignIn.enabled();
    }

    @GetMapping(SignInEntryPoint.SIGN_IN)
    String signInPage(@ModelAttribute("form") DevSignInForm form) {
        return "sign-in";
    }

    @PostMapping(SignInEntryPoint.SIGN_IN)
    String signIn(@Valid @ModelAttribute("form") DevSignInForm form, BindingResult errors, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        if (!devSignIn.enabled()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "sign-in";
        }
        List<String> roles = List.copyOf(form.getRoles());
        String subject = form.getEmail().toLowerCase(java.util.Locale.ROOT);
        String token;
        try {
            token = api.devToken(new CosellApi.DevTokenRequest(subject, form.getPartnerId(), roles,
                    form.getEmail(), form.getName()));
        }
        catch (ApiException e) {
            if (e.isUnavailable()) {
                throw e;
            }
            // the gateway issues no dev tokens (404), or refused what the form let through
            log.warn("The gateway refused a dev token: {}", e.getMessage());
            model.addAttribute("signInRefused", true);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "sign-in";
        }
        PortalUser user = new PortalUser(form.getPartnerId(), subject, form.getName(), form.getEmail(), roles, token);
        return "redirect:" + startSession(user, request, response);
    }

    /** Stores the signed-in user in a session with a new id and a new CSRF token; answers the page to go back to. */
    private String startSession(PortalUser user, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession();
        request.changeSessionId();
        csrfTokens.saveToken(null, request, response);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new PortalAuthentication(user));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return ReturnPath.take(session);
    }
}
