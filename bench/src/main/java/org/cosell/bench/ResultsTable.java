package org.cosell.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a run: each printed as a row the moment it is measured (the progress a long run
 * shows), all of them again as one table at the end, then the targets missed.
 */
final class ResultsTable {

    private static final String ROW = "%-9s %-44s %14s  %-34s %-24s %s%n";

    private final PrintStream out;
    private final List<Figure> figures = new ArrayList<>();
    private final List<LoadAverage> loads = new ArrayList<>();

    ResultsTable(PrintStream out) {
        this.out = out;
    }

    synchronized void add(Figure figure) {
        figures.add(figure);
        out.print("  = ");
        printRow(figure);
    }

    synchronized LoadAverage load(String when) {
        LoadAverage load = LoadAverage.sample(when);
        loads.add(load);
        out.println("  . " + load);
        return load;
    }

    synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    synchronized List<LoadAverage> loads() {
        return List.copyOf(loads);
    }

    synchronized void printAll() {
        out.println();
        out.printf(ROW, "BENCHMARK", "FIGURE", "VALUE", "REFERENCE (same run)", "TARGET", "VERDICT");
        figures.forEach(this::printRow);
        out.println();
        out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores; "
                + String.join("; ", loads.stream().map(LoadAverage::toString).toList()));
        List<Figure> missed = figures.stream().filter(figure -> figure.verdict() == Verdict.MISSED).toList();
        List<Figure> failed = figures.stream().filter(figure -> figure.verdict() == Verdict.FAILED).toList();
        long met = figures.stream().filter(figure -> figure.verdict() == Verdict.MET).count();
        out.printf("Targets: %d met, %d missed, %d not measured%n", met, missed.size(), failed.size());
        missed.forEach(figure -> out.printf("  MISSED %s %s: %s, target %s%s%n", figure.benchmark(), figure.name(),
                format(figure.value(), figure.unit()), figure.target(),
                figure.note().isEmpty() ? "" : " (" + figure.note() + ")"));
        failed.forEach(figure -> out.printf("  NOT MEASURED %s %s: %s%n", figure.benchmark(), figure.name(), figure.note()));
    }

    private void printRow(Figure figure) {
        out.printf(ROW, figure.benchmark(), figure.name(), format(figure.value(), figure.unit()), figure.reference(),
                figure.target(), figure.verdict());
        if (!figure.note().isEmpty()) {
            out.println("          " + figure.note());
        }
    }

    static String format(double value, String unit) {
        if (Double.isNaN(value)) {
            return "-";
        }
        String number;
        if (unit.equals("/s") || unit.equals("MB") || unit.equals("records") || Math.abs(value) >= 1000) {
            number = String.format(Locale.ROOT, "%,.0f", value);
        } else if (Math.abs(value) >= 100) {
            number = String.format(Locale.ROOT, "%.0f", value);
        } else if (Math.abs(value) >= 10) {
            number = String.format(Locale.ROOT, "%.1f", value);
        } else {
            number = String.format(Locale.ROOT, "%.2f", value);
        }
        return unit.isEmpty() ? number : number + " " + unit;
    }
}
