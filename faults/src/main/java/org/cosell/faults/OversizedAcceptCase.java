package org.cosell.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cosell.contracts.Topics;
import org.cosell.stack.CosellService;

/**
 * Accepts with too many employees, through the gateway and straight at referral-service: 10,000 of
 * them make a body above the request body limit (413 problem+json); 2,000, which fit in it, are
 * refused by the employees rule (400 problem+json naming {@code employees}). Each referral is left
 * as it was, and the referrals after them — their intake, their announcement and an ordinary
 * accept — flow as before. Before the limits, such an accept was stored and made an event larger
 * than Kafka takes.
 */
final class OversizedAcceptCase implements FaultCase {

    private static final String PARTNER = "7300001";
    private static final int EMPLOYEES = 10_000;
    private static final int EMPLOYEES_WITHIN_BODY_LIMIT = 2_000;
    private static final int REFERRALS = 50;

    @Override
    public String name() {
        return "oversized-accept";
    }

    @Override
    public String kind() {
        return "fault";
    }

    @Override
    public String description() {
        return "accepts with " + EMPLOYEES + " employees (413, body limit) and " + EMPLOYEES_WITHIN_BODY_LIMIT
                + " (400 naming employees), gateway and direct: nothing stored, the next referrals and accepts flow";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Api api = stack.api();
        String token = api.token("oversized-user", PARTNER, "REFERRALS_ADMIN");
        Set<String> first = Ingest.referralIds("OVERSIZED-A", REFERRALS);
        Ingest.acknowledged(Ingest.offerAll(stack.upstream(), PARTNER, first));
        Ingest.awaitTakenIn(stack, PARTNER, first, Duration.ofMinutes(2));
        List<String> opportunities = ReferralCounts.received(stack, PARTNER).stream().map(SeenRecord::subjectId)
                .distinct().toList();

        long refused = 0;
        int attempts = 0;
        for (int employees : List.of(EMPLOYEES, EMPLOYEES_WITHIN_BODY_LIMIT)) {
            String body = acceptWith(api, employees);
            int expected = employees == EMPLOYEES ? 413 : 400;
            report.note("an accept body of %,d bytes with %,d employees, expected %d", body.length(), employees, expected);
            for (String base : List.of(Api.GATEWAY, CosellService.REFERRAL_SERVICE.baseUrl())) {
                String target = opportunities.get(attempts);
                attempts++;
                Api.Response response = api.send("POST", base + "/api/referrals/" + target + "/accept", token, body);
                boolean namesEmployees = api.json(response).path("errors").findValuesAsString("field").contains("employees");
                report.note("%s: %d %s", base, response.status(), namesEmployees ? "naming employees" : response.shortly());
                boolean rightRefusal = response.status() == expected && response.isProblem()
                        && (expected == 413 || namesEmployees);
                if (report.expect(rightRefusal, "%s answered %s to %,d employees instead of %d problem+json%s", base,
                        response.shortly(), employees, expected, expected == 400 ? " naming employees" : "")) {
                    refused++;
                }
                Object stage = stack.db().referral(UUID.fromString(target)).get("stage");
                report.expect("RECEIVED".equals(String.valueOf(stage)), "the refused referral %s is %s, not RECEIVED", target, stage);
            }
        }

        String accepted = opportunities.get(attempts);
        Api.Response ordinary = api.send("POST", Api.GATEWAY + "/api/referrals/" + accepted + "/accept", token,
                api.write(Bodies.accept("Ordinary accept", "ada@partner7300001.example")));
        report.expect(ordinary.status() == 200, "an ordinary accept after them answered %s", ordinary.shortly());
        boolean announced = Await.until(Duration.ofSeconds(30), () -> "waiting for the accepted event",
                () -> !stack.events().on(Topics.REFERRAL_EVENTS, record -> accepted.equals(record.subjectId())
                        && "cosell.referral.accepted.v1".equals(record.type())).isEmpty());
        report.expect(announced, "the ordinary accept of %s was never announced", accepted);

        Set<String> next = Ingest.referralIds("OVERSIZED-B", REFERRALS);
        Ingest.acknowledged(Ingest.offerAll(stack.upstream(), PARTNER, next));
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(next);
        ReferralCounts counts = Ingest.awaitTakenIn(stack, PARTNER, all, Duration.ofMinutes(2));
        report.note("referrals: %s", counts.describe());

        report.sent(all.size() + attempts + 1L);
        report.refused(refused);
        report.arrived(counts.storedDistinct() + (ordinary.status() == 200 && announced ? 1 : 0));
        report.lost(counts.lost());
        report.duplicated(counts.duplicatedEffects());
        return report.result();
    }

    private static String acceptWith(Api api, int employees) {
        Map<String, Object> accept = Bodies.accept("Too many people", "ada@partner7300001.example");
        List<Map<String, Object>> list = new ArrayList<>(employees);
        for (int i = 0; i < employees; i++) {
            list.add(Bodies.employee("employee" + i + "@partner7300001.example"));
        }
        accept.put("employees", list);
        return api.write(accept);
    }
}
