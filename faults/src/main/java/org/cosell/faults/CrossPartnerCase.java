package org.cosell.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Partner B's admin (with the same user id as A's) on every endpoint, against A's ids, through the
 * gateway and straight at each service: every id of A answers 404 exactly like an unknown one,
 * every list answers without a trace of A, and nothing of A changes.
 */
final class CrossPartnerCase implements FaultCase {

    @Override
    public String name() {
        return "cross-partner";
    }

    @Override
    public String kind() {
        return "security";
    }

    @Override
    public String description() {
        return "partner B reads and writes partner A's ids on every endpoint: 404, never data, nothing changed";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        SecurityWorld world = SecurityWorld.of(stack);
        Api api = stack.api();
        Map<String, Object> before = snapshot(api, world);

        List<Probe> byId = byIdProbes(world, api);
        List<Probe> listings = listingProbes();
        long sent = 0;
        long refused = 0;
        long through = 0;
        for (Probe.Route route : Probe.Route.values()) {
            for (Probe probe : byId) {
                sent++;
                Api.Response response = probe.send(api, route, world.adminB);
                String leak = leak(response, world, probe.path());
                if (response.status() == 404 && leak == null) {
                    refused++;
                } else {
                    through++;
                    report.finding("%s as partner B answered %s%s", probe.describe(route), response.shortly(),
                            leak == null ? "" : " (shows A's \"" + leak + "\")");
                }
            }
            for (Probe probe : listings) {
                sent++;
                Api.Response response = probe.send(api, route, world.adminB);
                String leak = leak(response, world, probe.path());
                if (response.status() == 200 && leak == null) {
                    refused++;
                } else {
                    through++;
                    report.finding("%s as partner B answered %s%s", probe.describe(route), response.shortly(),
                            leak == null ? "" : " (shows A's \"" + leak + "\")");
                }
            }
        }
        report.note("%d id probes (expect 404) and %d list probes (expect 200 without A's data), each through the "
                + "gateway and straight at the owning service", byId.size(), listings.size());
        Map<String, Object> after = snapshot(api, world);
        report.expect(before.equals(after), "partner A's data changed under B's requests: before %s, after %s", before, after);
        report.note("A's data unchanged afterwards: %s", after.equals(before));
        return report.sent(sent).arrived(through).refused(refused).result();
    }

    private static List<Probe> byIdProbes(SecurityWorld world, Api api) {
        String deal = world.outboundDeal;
        String accepted = world.acceptedReferral;
        String open = world.openReferrals.get(0);
        String otherOpen = world.openReferrals.get(1);
        List<Probe> probes = new ArrayList<>();
        probes.add(Probe.of("read A's outbound deal", Stack.DEALS, "GET", "/api/opportunities/" + deal, null));
        probes.add(Probe.of("read A's accepted referral", Stack.DEALS, "GET", "/api/opportunities/" + accepted, null));
        probes.add(Probe.of("read A's open referral", Stack.DEALS, "GET", "/api/opportunities/" + open, null));
        probes.add(Probe.of("read A's own solution", Stack.DEALS, "GET", "/api/solutions/" + world.ownSolution, null));
        probes.add(Probe.of("favorite A's deal", Stack.DEALS, "PUT", "/api/opportunities/" + deal + "/favorite", null));
        probes.add(Probe.of("unfavorite A's deal", Stack.DEALS, "DELETE", "/api/opportunities/" + deal + "/favorite", null));
        probes.add(Probe.of("favorite A's referral", Stack.DEALS, "PUT", "/api/opportunities/" + open + "/favorite", null));
        probes.add(Probe.patch("edit A's deal", "/api/deals/" + deal, "{\"name\":\"hijacked by B\"}"));
        probes.add(Probe.patch("edit A's accepted referral", "/api/deals/" + accepted, "{\"notes\":\"hijacked by B\"}"));
        probes.add(Probe.of("co-sell A's deal", Stack.DEALS, "POST", "/api/deals/" + deal + "/cosell-request",
                api.write(Bodies.cosellRequest())));
        probes.add(Probe.of("win A's deal", Stack.DEALS, "POST", "/api/deals/" + deal + "/won", api.write(Bodies.won())));
        probes.add(Probe.of("lose A's deal", Stack.DEALS, "POST", "/api/deals/" + deal + "/lost", api.write(Bodies.lost())));
        probes.add(Probe.of("lose A's accepted referral", Stack.DEALS, "POST", "/api/deals/" + accepted + "/lost",
                api.write(Bodies.lost())));
        probes.add(Probe.of("lose A's open referral", Stack.DEALS, "POST", "/api/deals/" + open + "/lost",
                api.write(Bodies.lost())));
        probes.add(Probe.of("accept A's referral", Stack.REFERRALS, "POST", "/api/referrals/" + open + "/accept",
                api.write(Bodies.accept("stolen by B", "b@partner-b.example"))));
        probes.add(Probe.of("decline A's referral", Stack.REFERRALS, "POST", "/api/referrals/" + otherOpen + "/decline",
                api.write(Bodies.decline())));
        probes.add(Probe.of("accept A's already accepted referral", Stack.REFERRALS, "POST",
                "/api/referrals/" + accepted + "/accept", api.write(Bodies.accept("stolen by B", "b@partner-b.example"))));
        probes.add(Probe.of("decline A's already accepted referral", Stack.REFERRALS, "POST",
                "/api/referrals/" + accepted + "/decline", api.write(Bodies.decline())));
        return probes;
    }

    private static List<Probe> listingProbes() {
        List<Probe> probes = new ArrayList<>();
        for (String tab : List.of("inbound", "outbound", "favorites", "archived")) {
            probes.add(Probe.of("list " + tab, Stack.DEALS, "GET", "/api/opportunities?tab=" + tab, null));
            probes.add(Probe.of("search " + tab, Stack.DEALS, "GET", "/api/opportunities?tab=" + tab + "&q=Alpha", null));
        }
        probes.add(Probe.of("customer suggestions", Stack.DEALS, "GET", "/api/customers?q=Alphacorp&country=US", null));
        probes.add(Probe.of("recent contacts", Stack.DEALS, "GET", "/api/contacts/recent", null));
        probes.add(Probe.of("insights", Stack.DEALS, "GET", "/api/insights", null));
        probes.add(Probe.of("solutions", Stack.DEALS, "GET", "/api/solutions?q=Alpha", null));
        probes.add(Probe.of("notification log", Stack.NOTIFICATIONS, "GET", "/api/notifications", null));
        probes.add(Probe.of("notification settings", Stack.NOTIFICATIONS, "GET", "/api/notification-settings", null));
        return probes;
    }

    /**
     * The first of A's secrets the answer shows, or {@code null}; an id B put in the path itself may
     * be echoed back (a 404 names what was not found) without telling B anything.
     */
    private static String leak(Api.Response response, SecurityWorld world, String path) {
        String body = response.body() == null ? "" : response.body();
        return world.secretsOfA().stream().filter(secret -> !path.contains(secret)).filter(body::contains).findFirst()
                .orElse(null);
    }

    /** What B's requests must not change, as A sees it. */
    /** What of partner A's data a refused call must leave as it was. */
    static Map<String, Object> snapshot(Api api, SecurityWorld world) {
        Map<String, Object> state = new LinkedHashMap<>();
        JsonNode deal = api.json(api.get(Api.GATEWAY + "/api/opportunities/" + world.outboundDeal, world.adminA));
        state.put("deal", deal.path("name").asString() + "/" + deal.path("stage").asString() + "/v"
                + deal.path("version").asLong() + "/favorite=" + deal.path("favorite").asBoolean());
        JsonNode accepted = api.json(api.get(Api.GATEWAY + "/api/opportunities/" + world.acceptedReferral, world.adminA));
        state.put("accepted", accepted.path("stage").asString() + "/v" + accepted.path("version").asLong());
        for (String open : world.openReferrals) {
            JsonNode referral = api.json(api.get(Api.GATEWAY + "/api/opportunities/" + open, world.adminA));
            state.put(open, referral.path("stage").asString() + "/favorite=" + referral.path("favorite").asBoolean());
        }
        state.put("settings", api.get(Api.GATEWAY + "/api/notification-settings", world.adminA).body());
        state.put("solution", api.get(Api.GATEWAY + "/api/solutions/" + world.ownSolution, world.adminA).status());
        return state;
    }
}
