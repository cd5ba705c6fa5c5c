package org.cosell.faults;

import java.util.List;
import java.util.Map;

/**
 * The admin-only calls ({@code PUT /api/notification-settings}, {@code POST /api/solutions}) made
 * by partner A's referrals admin and by a user of A without roles, through the gateway and straight
 * at the service: 403, and neither the settings nor the catalog change. A's partner admin may make
 * the same calls (the control). Then the user without roles tries to work A's opportunities — list
 * and read them, accept and decline a referral, mark, edit, win and lose a deal, read the mail log:
 * every API call needs a Cosell role, so each answers 403 and A's data is as it was.
 */
final class RoleCase implements FaultCase {

    @Override
    public String name() {
        return "wrong-role";
    }

    @Override
    public String kind() {
        return "security";
    }

    @Override
    public String description() {
        return "admin-only calls by a referrals admin and by a user without roles, and working opportunities "
                + "without roles: 403, nothing changed";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        SecurityWorld world = SecurityWorld.of(stack);
        Api api = stack.api();
        String settingsBefore = api.get(Api.GATEWAY + "/api/notification-settings", world.adminA).body();
        List<Probe> probes = List.of(
                Probe.of("change notification settings", Stack.NOTIFICATIONS, "PUT", "/api/notification-settings",
                        api.write(Bodies.settings("intruder@evil.example"))),
                Probe.of("add a solution", Stack.DEALS, "POST", "/api/solutions", api.write(Bodies.solution("Sneaky Solution"))),
                Probe.of("add a solution with an invalid body", Stack.DEALS, "POST", "/api/solutions", "{\"name\":\"\"}"),
                Probe.of("change settings with an invalid body", Stack.NOTIFICATIONS, "PUT", "/api/notification-settings",
                        "{\"referralRecipients\":\"not a list\"}"));
        long sent = 0;
        long refused = 0;
        long through = 0;
        for (Map.Entry<String, String> user : Map.of("referrals admin", world.referralsAdminA,
                "user without roles", world.noRolesA).entrySet()) {
            for (Probe.Route route : Probe.Route.values()) {
                for (Probe probe : probes) {
                    sent++;
                    Api.Response response = probe.send(api, route, user.getValue());
                    if (response.status() == 403) {
                        refused++;
                    } else {
                        through++;
                        report.finding("%s by the %s answered %s", probe.describe(route), user.getKey(), response.shortly());
                    }
                }
            }
        }
        Map<String, Object> before = CrossPartnerCase.snapshot(api, world);
        long workRefused = 0;
        List<Probe> work = workProbes(world, api);
        for (Probe.Route route : Probe.Route.values()) {
            for (Probe probe : work) {
                sent++;
                Api.Response response = probe.send(api, route, world.noRolesA);
                if (response.status() == 403 && response.isProblem()) {
                    refused++;
                    workRefused++;
                } else {
                    through++;
                    report.finding("%s by the user without roles answered %s", probe.describe(route), response.shortly());
                }
            }
        }
        Map<String, Object> after = CrossPartnerCase.snapshot(api, world);
        report.expect(before.equals(after), "A's opportunities changed under calls without roles: before %s, after %s",
                before, after);
        report.note("%d calls working A's opportunities without roles: %d answered 403 problem+json; A's data unchanged: %s",
                work.size() * 2, workRefused, before.equals(after));

        String settingsAfter = api.get(Api.GATEWAY + "/api/notification-settings", world.adminA).body();
        report.expect(settingsBefore.equals(settingsAfter), "A's settings changed: %s -> %s", settingsBefore, settingsAfter);
        String catalog = api.get(Api.GATEWAY + "/api/solutions?q=Sneaky", world.adminA).body();
        report.expect(!catalog.contains("Sneaky"), "a solution added without the admin role is in A's catalog: %s", catalog);

        Api.Response control = api.send("PUT", Api.GATEWAY + "/api/notification-settings", world.adminA,
                api.write(Bodies.settings(SecurityWorld.A_RECIPIENT)));
        report.expect(control.status() == 200, "control: A's partner admin could not change the settings: %s", control.shortly());
        report.note("%d calls by a referrals admin and a user without roles: %d answered 403; settings and catalog unchanged: %s",
                sent, refused, settingsBefore.equals(settingsAfter) && !catalog.contains("Sneaky"));
        return report.sent(sent).arrived(through).refused(refused).result();
    }

    /** Working A's opportunities, as a referrals admin of A may: reads, decisions, edits, outcomes. */
    private static List<Probe> workProbes(SecurityWorld world, Api api) {
        String deal = world.outboundDeal;
        String open = world.openReferrals.get(0);
        return List.of(
                Probe.of("list opportunities", Stack.DEALS, "GET", "/api/opportunities?tab=inbound", null),
                Probe.of("read an opportunity", Stack.DEALS, "GET", "/api/opportunities/" + open, null),
                Probe.of("accept a referral", Stack.REFERRALS, "POST", "/api/referrals/" + open + "/accept",
                        api.write(Bodies.accept("accepted without a role", SecurityWorld.A_EMPLOYEE))),
                Probe.of("decline a referral", Stack.REFERRALS, "POST", "/api/referrals/" + open + "/decline",
                        api.write(Bodies.decline())),
                Probe.of("favorite an opportunity", Stack.DEALS, "PUT", "/api/opportunities/" + open + "/favorite", null),
                Probe.patch("edit a deal", "/api/deals/" + deal, "{\"name\":\"renamed without a role\"}"),
                Probe.of("win a deal", Stack.DEALS, "POST", "/api/deals/" + deal + "/won", api.write(Bodies.won())),
                Probe.of("lose a deal", Stack.DEALS, "POST", "/api/deals/" + deal + "/lost", api.write(Bodies.lost())),
                Probe.of("read the mail log", Stack.NOTIFICATIONS, "GET", "/api/notifications", null));
    }
}
