package org.cosell.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/** Progress lines while a run goes, each with the seconds since it started. */
final class Progress implements Consumer<String> {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    Progress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(String message) {
        out.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - startNanos) / 1e9, message);
    }

    void section(String title) {
        out.println();
        accept("== " + title);
    }
}
