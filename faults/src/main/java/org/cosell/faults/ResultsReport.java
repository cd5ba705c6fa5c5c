package org.cosell.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The end of a run: the table on the console and the same figures as JSON. */
final class ResultsReport {

    private ResultsReport() {
    }

    static void print(List<CaseResult> results) {
        String format = "%-26s %-8s %10s %10s %8s %11s %9s  %-4s %6s%n";
        System.out.println();
        System.out.printf(format, "case", "kind", "sent", "arrived", "lost", "duplicated", "refused", "", "s");
        System.out.println("-".repeat(102));
        for (CaseResult result : results) {
            System.out.printf(format, result.name(), result.kind(), CaseReport.show(result.sent()),
                    CaseReport.show(result.arrived()), CaseReport.show(result.lost()), CaseReport.show(result.duplicated()),
                    CaseReport.show(result.refused()), result.passed() ? "PASS" : "FAIL", String.format("%.0f", result.seconds()));
        }
        System.out.println("-".repeat(102));
        long failed = results.stream().filter(result -> !result.passed()).count();
        System.out.printf("%d cases, %d passed, %d failed%n", results.size(), results.size() - failed, failed);
        for (CaseResult result : results) {
            for (String finding : result.findings()) {
                System.out.println("FINDING " + result.name() + ": " + finding);
            }
        }
    }

    static void write(List<CaseResult> results, Path file, double totalSeconds) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("finishedAt", Instant.now().toString());
        document.put("seconds", totalSeconds);
        document.put("passed", results.stream().allMatch(CaseResult::passed));
        document.put("cases", results);
        Files.createDirectories(file.getParent());
        Files.writeString(file, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(document));
    }
}
