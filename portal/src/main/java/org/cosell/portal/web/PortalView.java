package org.cosell.portal.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.cosell.portal.api.Opportunity;
import org.cosell.portal.security.PortalUser;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every template needs, as {@code #view} in Thymeleaf ({@link PortalDialect}): the signed-in user, the language
 * links, amounts, dates and deadlines written for the page's language. A bean rather than model
 * attributes, so the error pages (rendered without the controllers' model) have it too.
 */
@Component
public class PortalView {

    /** Under this a deadline is shown as urgent. */
    static final Duration URGENT = Duration.ofDays(1);

    private final MessageSource messages;

    private final Clock clock;

    PortalView(MessageSource messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    public PortalUser user() {
        return PortalUser.current();
    }

    public String language() {
        return LocaleContextHolder.getLocale().getLanguage();
    }

    /** This page in another language: the same path and query, {@code lang} replaced. */
    public String languageLink(String language) {
        HttpServletRequest request = currentRequest();
        String page = request.getRequestURI();
        if (request.getHeader("HX-Request") != null || page.startsWith("/error")) {
            page = "/opportunities";
        }
        return UriComponentsBuilder.fromPath(page).query(request.getQueryString())
                .replaceQueryParam("lang", language).build().toUriString();
    }

    public String money(Opportunity.Money money) {
        return money == null ? "" : money(money.amount(), money.currency());
    }

    public String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return "";
        }
        Locale locale = LocaleContextHolder.getLocale();
        try {
            NumberFormat format = NumberFormat.getCurrencyInstance(locale);
            Currency known = Currency.getInstance(currency);
            format.setCurrency(known);
            format.setMaximumFractionDigits(Math.max(known.getDefaultFractionDigits(), 0));
            return format.format(amount);
        }
        catch (IllegalArgumentException | NullPointerException e) {
            return NumberFormat.getNumberInstance(locale).format(amount) + (currency == null ? "" : " " + currency);
        }
    }

    public String date(LocalDate date) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(LocaleContextHolder.getLocale()).format(date);
    }

    /** A moment in the user's time zone (UTC unless the browser said another), with the zone named. */
    public String dateTime(Instant instant) {
        if (instant == null) {
            return "";
        }
        ZoneId zone = LocaleContextHolder.getTimeZone().toZoneId();
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale()).withZone(zone).format(instant) + " " + zone.getId();
    }

    /** "3 days left", "5 hours left", "less than an hour left", "overdue", in the page's language. */
    public String timeLeft(Instant deadline) {
        if (deadline == null) {
            return "";
        }
        Duration left = Duration.between(clock.instant(), deadline);
        Locale locale = LocaleContextHolder.getLocale();
        if (left.isNegative() || left.isZero()) {
            return messages.getMessage("deadline.passed", null, locale);
        }
        if (left.toDays() >= 1) {
            return messages.getMessage("deadline.days", new Object[] { left.toDays() }, locale);
        }
        if (left.toHours() >= 1) {
            return messages.getMessage("deadline.hours", new Object[] { left.toHours() }, locale);
        }
        return messages.getMessage("deadline.lessThanAnHour", null, locale);
    }

    public boolean isUrgent(Instant deadline) {
        return deadline != null && Duration.between(clock.instant(), deadline).compareTo(URGENT) < 0;
    }

    /** A code of the API's (a stage, a reason) in words, or the code itself if it is new to the portal. */
    public String label(String group, String code) {
        if (code == null) {
            return "";
        }
        return messages.getMessage(group + "." + code, null, code, LocaleContextHolder.getLocale());
    }

    private static HttpServletRequest currentRequest() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }
}
