package org.cosell.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import tools.jackson.databind.JsonNode;

/**
 * System-set fields (id, partner, stage, origin, type, version, times, engagement, outcome) slipped
 * into every write body — create, edit, co-sell, won, lost, accept, decline, add solution, settings:
 * each is refused (4xx) or ignored, never applied, checked on what was stored.
 */
final class MassAssignmentCase implements FaultCase {

    private static final String PARTNER = "7100003";

    private long attempts;
    private long refused;
    private long ignored;
    private long applied;

    @Override
    public String name() {
        return "mass-assignment";
    }

    @Override
    public String kind() {
        return "security";
    }

    @Override
    public String description() {
        return "system fields in every write body: refused or ignored, never applied (checked on the stored result)";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Api api = stack.api();
        String admin = api.token("mass-admin", PARTNER, "MPN_PARTNER_ADMIN");
        String adminB = api.token("mass-admin", SecurityWorld.PARTNER_B, "MPN_PARTNER_ADMIN");
        String injectedId = UUID.randomUUID().toString();

        create(report, api, admin, adminB, injectedId);
        edit(report, api, admin);
        cosellWonLost(report, api, admin);
        acceptAndDecline(report, stack, admin);
        solutionAndSettings(report, api, admin, adminB);

        report.note("%d system fields sent: %d refused (4xx), %d ignored (stored value untouched), %d applied",
                attempts, refused, ignored, applied);
        return report.sent(attempts).arrived(applied).refused(refused + ignored).result();
    }

    private static Map<String, Object> systemFields(String injectedId) {
        return Bodies.object("id", injectedId, "_id", injectedId, "partnerId", SecurityWorld.PARTNER_B, "stage", "WON",
                "origin", "INBOUND", "version", 99, "type", "CO_SELL", "createdAt", "2001-01-01T00:00:00Z",
                "updatedAt", "2001-01-01T00:00:00Z", "referralId", "FAKE-REFERRAL", "respondBy", "2001-01-01T00:00:00Z",
                "favorite", true, "microsoftEngagement", Bodies.object("status", "ENGAGED"),
                "closing", Bodies.object("closedAt", "2001-01-01T00:00:00Z"), "pendingEvents", List.of(Bodies.object("id", "x")));
    }

    private void create(CaseReport report, Api api, String admin, String adminB, String injectedId) {
        Map<String, Object> body = Bodies.createDeal("Mass assignment deal", "Massive Customer", "mass@partner-m.example");
        Map<String, Object> extra = systemFields(injectedId);
        body.putAll(extra);
        Api.Response response = api.send("POST", Api.GATEWAY + "/api/deals", admin, api.write(body));
        if (response.status() >= 400 && response.status() < 500) {
            count(extra.size(), 0);
            report.note("create with %d system fields: refused %d", extra.size(), response.status());
            return;
        }
        JsonNode stored = api.json(api.get(Api.GATEWAY + "/api/opportunities/" + api.json(response).path("id").asString(), admin));
        check(report, "create", "id", !stored.path("id").asString().equals(injectedId));
        check(report, "create", "partnerId", stored.path("partnerId").asString().equals(PARTNER));
        check(report, "create", "stage", stored.path("stage").asString().equals("ACCEPTED"));
        check(report, "create", "origin", stored.path("origin").asString().equals("OUTBOUND"));
        check(report, "create", "version", stored.path("version").asLong() < 99);
        check(report, "create", "type", stored.path("type").asString().equals("PRIVATE_PIPELINE"));
        check(report, "create", "createdAt", !stored.path("createdAt").asString().startsWith("2001"));
        check(report, "create", "updatedAt", !stored.path("updatedAt").asString().startsWith("2001"));
        check(report, "create", "referralId", stored.path("referralId").isMissingNode());
        check(report, "create", "respondBy", stored.path("respondBy").isMissingNode());
        check(report, "create", "favorite", !stored.path("favorite").asBoolean());
        check(report, "create", "microsoftEngagement", stored.path("microsoftEngagement").path("status").asString().equals("NONE"));
        check(report, "create", "closing", stored.path("closing").isMissingNode());
        check(report, "create", "_id/pendingEvents", api.get(Api.GATEWAY + "/api/opportunities/" + injectedId, admin).status() == 404
                && api.get(Api.GATEWAY + "/api/opportunities/" + injectedId, adminB).status() == 404);
    }

    private void edit(CaseReport report, Api api, String admin) {
        String deal = createDeal(api, admin, "Mass edit deal");
        Map<String, Object> forbidden = new LinkedHashMap<>(systemFields(UUID.randomUUID().toString()));
        forbidden.put("customer", Bodies.object("name", "Renamed Corp"));
        forbidden.put("sender", Bodies.object("name", "Someone"));
        for (Map.Entry<String, Object> field : forbidden.entrySet()) {
            JsonNode before = api.json(api.get(Api.GATEWAY + "/api/opportunities/" + deal, admin));
            Map<String, Object> patch = Bodies.object(field.getKey(), field.getValue());
            Api.Response response = api.sendTyped("PATCH", Api.GATEWAY + "/api/deals/" + deal, admin, api.write(patch),
                    "application/merge-patch+json", "If-Match", "\"" + before.path("version").asLong() + "\"");
            JsonNode after = api.json(api.get(Api.GATEWAY + "/api/opportunities/" + deal, admin));
            boolean unchanged = before.equals(after);
            if (response.status() >= 400 && response.status() < 500 && unchanged) {
                count(1, 0);
            } else {
                check(report, "edit (" + response.status() + ")", field.getKey(), unchanged);
            }
        }
    }

    private void cosellWonLost(CaseReport report, Api api, String admin) {
        Map<String, Object> extra = Bodies.object("stage", "WON", "type", "PRIVATE_PIPELINE", "partnerId",
                SecurityWorld.PARTNER_B, "microsoftEngagement", Bodies.object("status", "ENGAGED"), "outcome", "LOST",
                "version", 99);
        String cosell = createDeal(api, admin, "Mass co-sell deal");
        Map<String, Object> cosellBody = Bodies.cosellRequest();
        cosellBody.putAll(extra);
        JsonNode afterCosell = applyMove(report, api, admin, cosell, "cosell-request", cosellBody, extra.size());
        if (afterCosell != null) {
            check(report, "co-sell", "stage", afterCosell.path("stage").asString().equals("ACCEPTED"));
            check(report, "co-sell", "type", afterCosell.path("type").asString().equals("CO_SELL"));
            check(report, "co-sell", "partnerId", afterCosell.path("partnerId").asString().equals(PARTNER));
            check(report, "co-sell", "microsoftEngagement",
                    afterCosell.path("microsoftEngagement").path("status").asString().equals("REQUESTED"));
            check(report, "co-sell", "version", afterCosell.path("version").asLong() < 99);
        }
        String won = createDeal(api, admin, "Mass won deal");
        Map<String, Object> wonBody = Bodies.won();
        wonBody.putAll(extra);
        wonBody.put("stage", "LOST");
        JsonNode afterWon = applyMove(report, api, admin, won, "won", wonBody, extra.size());
        if (afterWon != null) {
            check(report, "won", "stage", afterWon.path("stage").asString().equals("WON"));
            check(report, "won", "partnerId", afterWon.path("partnerId").asString().equals(PARTNER));
            check(report, "won", "type", afterWon.path("type").asString().equals("PRIVATE_PIPELINE"));
            check(report, "won", "microsoftEngagement", afterWon.path("microsoftEngagement").path("status").asString().equals("NONE"));
            check(report, "won", "version", afterWon.path("version").asLong() < 99);
        }
        String lost = createDeal(api, admin, "Mass lost deal");
        Map<String, Object> lostBody = Bodies.lost();
        lostBody.putAll(extra);
        JsonNode afterLost = applyMove(report, api, admin, lost, "lost", lostBody, extra.size());
        if (afterLost != null) {
            check(report, "lost", "stage", afterLost.path("stage").asString().equals("LOST"));
            check(report, "lost", "partnerId", afterLost.path("partnerId").asString().equals(PARTNER));
            check(report, "lost", "type", afterLost.path("type").asString().equals("PRIVATE_PIPELINE"));
            check(report, "lost", "microsoftEngagement", afterLost.path("microsoftEngagement").path("status").asString().equals("NONE"));
            check(report, "lost", "version", afterLost.path("version").asLong() < 99);
        }
    }

    private void acceptAndDecline(CaseReport report, Stack stack, String admin) throws InterruptedException {
        Api api = stack.api();
        List<String> referrals = SecurityWorld.offerReferrals(stack, admin, PARTNER, "MASS", 2, "Original Customer");
        Map<String, Object> extra = Bodies.object("stage", "DECLINED", "partnerId", SecurityWorld.PARTNER_B,
                "id", UUID.randomUUID().toString(), "origin", "OUTBOUND", "type", "PRIVATE_PIPELINE", "version", 99,
                "referralId", "FAKE-REFERRAL", "respondBy", "2001-01-01T00:00:00Z",
                "customer", Bodies.object("name", "Evil Corp"),
                "solutions", List.of(Bodies.object("id", "sol-evil", "name", "Evil", "type", "PARTNER")));
        Map<String, Object> accept = Bodies.accept("Mass accepted deal", "mass@partner-m.example");
        accept.putAll(extra);
        Api.Response accepted = api.send("POST", Api.GATEWAY + "/api/referrals/" + referrals.get(0) + "/accept", admin,
                api.write(accept));
        if (accepted.status() >= 400 && accepted.status() < 500) {
            count(extra.size(), 0);
        } else {
            Await.sleep(Duration.ofSeconds(3));
            Document referral = stack.db().referral(UUID.fromString(referrals.get(0)));
            JsonNode view = api.json(api.get(Api.GATEWAY + "/api/opportunities/" + referrals.get(0), admin));
            check(report, "accept", "stage", "ACCEPTED".equals(referral.getString("stage"))
                    && view.path("stage").asString().equals("ACCEPTED"));
            check(report, "accept", "partnerId", PARTNER.equals(referral.getString("partnerId"))
                    && view.path("partnerId").asString().equals(PARTNER));
            check(report, "accept", "id", view.path("id").asString().equals(referrals.get(0)));
            check(report, "accept", "origin", view.path("origin").asString().equals("INBOUND"));
            check(report, "accept", "type", view.path("type").asString().equals("CO_SELL"));
            check(report, "accept", "version", view.path("version").asLong() < 99);
            check(report, "accept", "referralId", referral.getString("referralId").startsWith("MASS-")
                    && view.path("referralId").asString().startsWith("MASS-"));
            check(report, "accept", "respondBy", !String.valueOf(referral.get("respondBy")).contains("2001"));
            check(report, "accept", "customer", view.path("customer").path("name").asString().equals("Original Customer"));
            check(report, "accept", "solutions", !view.path("solutions").toString().contains("sol-evil"));
        }
        Map<String, Object> decline = Bodies.decline();
        decline.putAll(extra);
        decline.put("stage", "ACCEPTED");
        Api.Response declined = api.send("POST", Api.GATEWAY + "/api/referrals/" + referrals.get(1) + "/decline", admin,
                api.write(decline));
        if (declined.status() >= 400 && declined.status() < 500) {
            count(extra.size(), 0);
        } else {
            Await.sleep(Duration.ofSeconds(3));
            Document referral = stack.db().referral(UUID.fromString(referrals.get(1)));
            JsonNode view = api.json(api.get(Api.GATEWAY + "/api/opportunities/" + referrals.get(1), admin));
            check(report, "decline", "stage", "DECLINED".equals(referral.getString("stage"))
                    && view.path("stage").asString().equals("DECLINED"));
            check(report, "decline", "partnerId", PARTNER.equals(referral.getString("partnerId"))
                    && view.path("partnerId").asString().equals(PARTNER));
            check(report, "decline", "id", view.path("id").asString().equals(referrals.get(1)));
            check(report, "decline", "origin", view.path("origin").asString().equals("INBOUND"));
            check(report, "decline", "type", view.path("type").asString().equals("CO_SELL"));
            check(report, "decline", "version", referral.get("version", Number.class).longValue() < 99);
            check(report, "decline", "referralId", referral.getString("referralId").startsWith("MASS-"));
            check(report, "decline", "respondBy", !String.valueOf(referral.get("respondBy")).contains("2001"));
            check(report, "decline", "customer", view.path("customer").path("name").asString().equals("Original Customer"));
            check(report, "decline", "solutions", !referral.toJson().contains("sol-evil"));
        }
    }

    private void solutionAndSettings(CaseReport report, Api api, String admin, String adminB) {
        Map<String, Object> solution = Bodies.solution("Mass Solution");
        solution.putAll(Bodies.object("id", "sol-azure-ai", "partnerId", SecurityWorld.PARTNER_B, "own", false));
        Api.Response added = api.send("POST", Api.GATEWAY + "/api/solutions", admin, api.write(solution));
        if (added.status() >= 400 && added.status() < 500) {
            count(3, 0);
        } else {
            String id = api.json(added).path("id").asString();
            JsonNode shipped = api.json(api.get(Api.GATEWAY + "/api/solutions/sol-azure-ai", adminB));
            check(report, "add solution", "id", !id.equals("sol-azure-ai") && shipped.path("type").asString().equals("MICROSOFT")
                    && !shipped.path("name").asString().equals("Mass Solution"));
            check(report, "add solution", "partnerId", api.get(Api.GATEWAY + "/api/solutions/" + id, adminB).status() == 404);
            check(report, "add solution", "own", api.json(api.get(Api.GATEWAY + "/api/solutions/" + id, admin)).path("own").asBoolean());
        }
        String settingsOfB = api.get(Api.GATEWAY + "/api/notification-settings", adminB).body();
        Map<String, Object> settings = Bodies.settings("m@partner-m.example");
        settings.put("partnerId", SecurityWorld.PARTNER_B);
        Api.Response put = api.send("PUT", Api.GATEWAY + "/api/notification-settings", admin, api.write(settings));
        if (put.status() >= 400 && put.status() < 500) {
            count(1, 0);
        } else {
            check(report, "settings", "partnerId",
                    api.get(Api.GATEWAY + "/api/notification-settings", adminB).body().equals(settingsOfB));
        }
    }

    private JsonNode applyMove(CaseReport report, Api api, String admin, String deal, String move, Map<String, Object> body,
                               int fields) {
        Api.Response response = api.send("POST", Api.GATEWAY + "/api/deals/" + deal + "/" + move, admin, api.write(body));
        if (response.status() >= 400 && response.status() < 500) {
            count(fields, 0);
            report.note("%s with %d system fields: refused %s", move, fields, response.shortly());
            return null;
        }
        return api.json(api.get(Api.GATEWAY + "/api/opportunities/" + deal, admin));
    }

    private static String createDeal(Api api, String admin, String name) {
        Api.Response created = api.send("POST", Api.GATEWAY + "/api/deals", admin,
                api.write(Bodies.createDeal(name, "Mass Customer", "mass@partner-m.example")));
        if (created.status() != 201) {
            throw new IllegalStateException("creating a deal answered " + created.shortly());
        }
        return api.json(created).path("id").asString();
    }

    private void check(CaseReport report, String write, String field, boolean notApplied) {
        attempts++;
        if (notApplied) {
            ignored++;
        } else {
            applied++;
            report.finding("%s: the system field %s was applied", write, field);
        }
    }

    private void count(int fields, int appliedFields) {
        attempts += fields;
        refused += fields - appliedFields;
    }
}
