package org.cosell.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * What a person's browser gets instead of problem+json when the portal itself cannot answer a page:
 * a small HTML page with the portal's own banner text, in English or Italian as the browser asks
 * ({@code Accept-Language}). Only for requests that name {@code text/html} in {@code Accept} (a
 * page being opened); stylesheets, scripts, htmx and API clients keep the problem.
 */
final class PortalUnavailablePage {

    static final String SERVICE = "portal";

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.ITALIAN);

    private PortalUnavailablePage() {
    }

    /** Whether the call was for one of the portal's pages by a client that reads HTML. */
    static boolean wanted(String service, ServerHttpRequest request) {
        if (!SERVICE.equals(service)) {
            return false;
        }
        try {
            return request.getHeaders().getAccept().stream()
                    .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(MediaType.TEXT_HTML)
                            && type.getQualityValue() > 0);
        }
        catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The page, with the status and headers ({@code Retry-After}) the problem would have had. */
    static ResponseEntity<String> answer(ResponseEntity<?> problem, ServerHttpRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(problem.getHeaders());
        headers.setContentType(HTML);
        headers.setContentLanguage(language(request));
        headers.setCacheControl("no-store");
        return new ResponseEntity<>(html(language(request)), headers, problem.getStatusCode());
    }

    private static Locale language(ServerHttpRequest request) {
        try {
            List<Locale.LanguageRange> asked = request.getHeaders().getAcceptLanguage();
            Locale match = Locale.lookup(asked, LANGUAGES);
            return match == null ? Locale.ENGLISH : match;
        }
        catch (IllegalArgumentException e) {
            return Locale.ENGLISH;
        }
    }

    private static String html(Locale language) {
        boolean italian = Locale.ITALIAN.equals(language);
        String title = italian ? "Non disponibile" : "Unavailable";
        String banner = italian ? "Il portale non è disponibile, riprova tra un minuto."
                : "The portal is unavailable, try again in a minute.";
        String retry = italian ? "Riprova" : "Try again";
        return """
                <!DOCTYPE html>
                <html lang="%s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Cosell</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 0; padding: 1rem; color: #1b1b1b; }
                main { max-width: 40rem; margin: 2rem auto; }
                .banner { padding: 1rem; border-left: 0.4rem solid #b3261e; background: #fdecea; font-size: 1.1rem; }
                a { color: #0b57d0; }
                </style>
                </head>
                <body>
                <main>
                <h1>%s</h1>
                <p class="banner" role="alert">%s</p>
                <p><a href="">%s</a></p>
                </main>
                </body>
                </html>
                """.formatted(language.getLanguage(), title, title, banner, retry);
    }
}
