package org.cosell.portal.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.cosell.portal.api.CosellApi;
import org.cosell.portal.api.Insights;
import org.cosell.portal.api.Opportunity;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The partner's figures from {@code GET /api/insights}: how fast referrals are answered, how many
 * deals are won, the open pipeline per currency and, where the API says, per sales stage in each
 * currency. Each chart is a bar chart drawn here as
 * inline SVG (nothing to run in the browser), every number written for the page's language, with
 * the same figures as a table for screen readers.
 */
@Controller
class InsightsController {

    private final CosellApi api;

    private final MessageSource messages;

    private final PortalView view;

    InsightsController(CosellApi api, MessageSource messages, PortalView view) {
        this.api = api;
        this.messages = messages;
        this.view = view;
    }

    @GetMapping("/insights")
    String insights(Model model) {
        Insights figures = api.insights();
        Locale locale = LocaleContextHolder.getLocale();
        NumberFormat count = NumberFormat.getIntegerInstance(locale);

        Duration responseTime = figures.responseTime();
        BarChart referrals = BarChart.of("referrals", text("insights.referrals.title"), text("insights.referrals.bars"),
                responseTime == null ? text("insights.notYet") : duration(responseTime),
                text("insights.referrals.figure"), List.of(
                        new BarChart.Value(text("insights.referrals.received"), figures.referralsReceived(), count.format(figures.referralsReceived()), "first"),
                        new BarChart.Value(text("insights.referrals.accepted"), figures.referralsAccepted(), count.format(figures.referralsAccepted()), "second"),
                        new BarChart.Value(text("insights.referrals.declined"), figures.referralsDeclined(), count.format(figures.referralsDeclined()), "third"),
                        new BarChart.Value(text("insights.referrals.expired"), figures.referralsExpired(), count.format(figures.referralsExpired()), "third")),
                null);

        NumberFormat percent = NumberFormat.getPercentInstance(locale);
        percent.setMaximumFractionDigits(1);
        BarChart deals = BarChart.of("win-rate", text("insights.winRate.title"), text("insights.winRate.bars"),
                figures.winRate() == null ? text("insights.notYet") : percent.format(figures.winRate()),
                text("insights.winRate.figure"), List.of(
                        new BarChart.Value(text("insights.winRate.won"), figures.dealsWon(), count.format(figures.dealsWon()), "second"),
                        new BarChart.Value(text("insights.winRate.lost"), figures.dealsLost(), count.format(figures.dealsLost()), "third")),
                null);

        List<BarChart.Value> currencies = new ArrayList<>();
        for (Opportunity.Money money : figures.openPipeline()) {
            if (money.amount() != null) {
                currencies.add(new BarChart.Value(money.currency(), money.amount(), view.money(money), "first"));
            }
        }
        BarChart pipeline = BarChart.of("pipeline", text("insights.pipeline.title"), text("insights.pipeline.bars"),
                null, null, currencies,
                currencies.size() > 1 ? text("insights.pipeline.note") : null);

        List<BarChart> charts = new ArrayList<>(List.of(referrals, deals, pipeline));
        if (figures.hasPipelineBySalesStage()) {
            charts.addAll(pipelineBySalesStage(figures.openPipelineBySalesStage()));
        }
        model.addAttribute("charts", charts);
        return "insights";
    }

    /**
     * One chart per currency (amounts are never added across currencies), a bar per sales stage in
     * the sales process's order, each with the open deals' amount in that stage.
     */
    private List<BarChart> pipelineBySalesStage(Map<String, List<Opportunity.Money>> byStage) {
        Map<String, List<BarChart.Value>> byCurrency = new TreeMap<>();
        byStage.entrySet().stream()
                .sorted(Comparator.comparingInt(stage -> salesStageOrder(stage.getKey())))
                .forEach(stage -> {
                    for (Opportunity.Money money : stage.getValue() == null ? List.<Opportunity.Money>of() : stage.getValue()) {
                        if (money != null && money.currency() != null && money.amount() != null) {
                            byCurrency.computeIfAbsent(money.currency(), currency -> new ArrayList<>())
                                    .add(new BarChart.Value(view.label("salesStage", stage.getKey()), money.amount(),
                                            view.money(money.amount(), money.currency()), "first"));
                        }
                    }
                });
        List<BarChart> charts = new ArrayList<>();
        byCurrency.forEach((currency, bars) -> charts.add(BarChart.of("pipeline-" + currency.toLowerCase(Locale.ROOT),
                text("insights.salesStage.title", currency), text("insights.salesStage.bars", currency),
                null, null, bars, null)));
        return charts;
    }

    private static int salesStageOrder(String salesStage) {
        int known = Opportunity.SALES_STAGES.indexOf(salesStage);
        return known < 0 ? Opportunity.SALES_STAGES.size() : known;
    }

    /** "2 days 3 hours", "5 hours 10 minutes", "12 minutes", in the page's language. */
    private String duration(Duration duration) {
        long days = duration.toDays();
        long hours = duration.toHoursPart();
        long minutes = duration.toMinutesPart();
        if (days > 0) {
            return hours > 0 ? text("insights.duration.days", days) + " " + text("insights.duration.hours", hours)
                    : text("insights.duration.days", days);
        }
        if (hours > 0) {
            return minutes > 0 ? text("insights.duration.hours", hours) + " " + text("insights.duration.minutes", minutes)
                    : text("insights.duration.hours", hours);
        }
        return minutes > 0 ? text("insights.duration.minutes", minutes) : text("insights.duration.underAMinute");
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }

    /**
     * A horizontal bar chart laid out for an SVG {@value #WIDTH} units wide: labels on the left, bars
     * scaled to the largest value, each value written after its bar.
     *
     * @param caption what the bars count
     * @param figure  the headline number above the chart, if it has one
     * @param note    what a reader must know to read it right, if anything
     */
    record BarChart(String id, String title, String caption, String figure, String figureLabel, List<Bar> bars,
                    String note) {

        static final int WIDTH = 600;

        static final int LABEL_WIDTH = 140;

        /** Room after the longest bar for its value, written out. */
        static final int VALUE_WIDTH = 170;

        static final int ROW = 36;

        static final int BAR_HEIGHT = 24;

        record Value(String label, Number amount, String text, String tone) {
        }

        /** One bar, where it is drawn. */
        record Bar(String label, String value, String tone, int y, int width) {

            public int textY() {
                return y + BAR_HEIGHT - 7;
            }

            public int valueX() {
                return LABEL_WIDTH + width + 8;
            }
        }

        static BarChart of(String id, String title, String caption, String figure, String figureLabel,
                           List<Value> values, String note) {
            BigDecimal largest = values.stream().map(v -> new BigDecimal(v.amount().toString()))
                    .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
            List<Bar> bars = new ArrayList<>();
            int longest = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
            for (int i = 0; i < values.size(); i++) {
                Value value = values.get(i);
                BigDecimal amount = new BigDecimal(value.amount().toString());
                int width = largest.signum() <= 0 || amount.signum() <= 0 ? 0
                        : Math.max(2, amount.multiply(BigDecimal.valueOf(longest))
                                .divide(largest, MathContext.DECIMAL64).intValue());
                bars.add(new Bar(value.label(), value.text(), value.tone(), i * ROW + 6, width));
            }
            return new BarChart(id, title, caption, figure, figureLabel, bars, note);
        }

        public int height() {
            return bars.size() * ROW + 6;
        }

        public int barHeight() {
            return BAR_HEIGHT;
        }

        public int labelWidth() {
            return LABEL_WIDTH;
        }

        public int width() {
            return WIDTH;
        }
    }
}
