package org.cosell.portal.web;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;
import org.springframework.web.util.WebUtils;

/**
 * The portal speaks English and Italian. The first page follows the browser's Accept-Language;
 * {@code ?lang=it} or {@code ?lang=en} on any page (the switch in the header) changes it for the
 * rest of the session. Dates and amounts follow the same choice; times are shown in the browser's
 * time zone ({@link #browserTimeZone}).
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration implements WebMvcConfigurer {

    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.ITALIAN);

    static final String TIME_ZONE_COOKIE = "COSELL_TZ";

    /** Longer than any IANA zone name; a longer cookie is not one. */
    private static final int MAX_ZONE_NAME = 64;

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver browser = new AcceptHeaderLocaleResolver();
        browser.setSupportedLocales(LANGUAGES);
        browser.setDefaultLocale(Locale.ENGLISH);
        SessionLocaleResolver session = new SessionLocaleResolver() {
            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                if (locale == null || LANGUAGES.contains(Locale.forLanguageTag(locale.getLanguage()))) {
                    super.setLocale(request, response, locale == null ? null : Locale.forLanguageTag(locale.getLanguage()));
                }
            }
        };
        session.setDefaultLocaleFunction(request -> Locale.forLanguageTag(browser.resolveLocale(request).getLanguage()));
        session.setDefaultTimeZoneFunction(LocaleConfiguration::browserTimeZone);
        return session;
    }

    /**
     * The zone the browser says it is in: portal.js writes it (the IANA name, {@code Europe/Rome})
     * into the {@value #TIME_ZONE_COOKIE} cookie on every page, so it holds from the first page after
     * sign-in, whichever way the user signed in. Without it, or with a name Java does not know: UTC.
     */
    static TimeZone browserTimeZone(HttpServletRequest request) {
        Cookie cookie = WebUtils.getCookie(request, TIME_ZONE_COOKIE);
        if (cookie != null && cookie.getValue() != null && cookie.getValue().length() <= MAX_ZONE_NAME) {
            try {
                return TimeZone.getTimeZone(ZoneId.of(cookie.getValue()));
            }
            catch (DateTimeException e) {
                // not a zone: UTC as without the cookie
            }
        }
        return TimeZone.getTimeZone(ZoneOffset.UTC);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor languageSwitch = new LocaleChangeInterceptor();
        languageSwitch.setParamName("lang");
        languageSwitch.setIgnoreInvalidLocale(true);
        registry.addInterceptor(languageSwitch);
    }
}
