package org.cosell.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Collects a case's figures, notes and findings while it runs, and prints them as they come. */
final class CaseReport {

    private final String name;
    private final String kind;
    private final Instant started = Instant.now();
    private final List<String> notes = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private Long sent;
    private Long arrived;
    private Long lost;
    private Long duplicated;
    private Long refused;

    CaseReport(String name, String kind) {
        this.name = name;
        this.kind = kind;
    }

    CaseReport sent(long value) {
        sent = value;
        return this;
    }

    CaseReport arrived(long value) {
        arrived = value;
        return this;
    }

    CaseReport lost(long value) {
        lost = value;
        if (value != 0) {
            finding("lost " + value);
        }
        return this;
    }

    CaseReport duplicated(long value) {
        duplicated = value;
        if (value != 0) {
            finding("duplicated effects: " + value);
        }
        return this;
    }

    CaseReport refused(long value) {
        refused = value;
        return this;
    }

    void note(String format, Object... arguments) {
        String note = String.format(format, arguments);
        notes.add(note);
        Progress.say("  %s", note);
    }

    void finding(String format, Object... arguments) {
        String finding = String.format(format, arguments);
        findings.add(finding);
        Progress.say("  FINDING: %s", finding);
    }

    /** Checks a condition; a failed one is a finding. */
    boolean expect(boolean condition, String format, Object... arguments) {
        if (!condition) {
            finding(format, arguments);
        }
        return condition;
    }

    CaseResult result() {
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        CaseResult result = new CaseResult(name, kind, sent, arrived, lost, duplicated, refused, findings.isEmpty(),
                seconds, List.copyOf(notes), List.copyOf(findings));
        Progress.say("%s: sent %s, arrived %s, lost %s, duplicated %s, refused %s -> %s (%.0f s)", name, show(sent),
                show(arrived), show(lost), show(duplicated), show(refused), result.passed() ? "PASS" : "FAIL", seconds);
        return result;
    }

    static String show(Long value) {
        return value == null ? "-" : String.format("%,d", value);
    }
}
