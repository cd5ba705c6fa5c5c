package org.cosell.faults;

import java.util.List;
import java.util.Map;

/**
 * The admin-only calls ({@code PUT /api/notification-settings}, {@code POST /api/solutions}) made
 * by partner A's referrals admin and by a user of A without roles, through the gateway and straight
 * at the service: 403, and neither the settings nor the catalog change. A's partner admin may make
 * the same calls (the control).
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
        return "admin-only calls by a referrals admin and by a user without roles: 403, nothing changed";
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
}
