package org.cosell.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cosell.stack.DevIssuer;

/**
 * Tokens that must not get in, on a read and a write of every service, through the gateway and
 * straight at the service: none, garbage, a real token with its signature or its claims tampered
 * with, {@code alg: none}, one signed by a key nobody trusts, and — signed by a key the services do
 * trust ({@link TrustedKeys}) — expired, from another issuer, without an audience or for another one,
 * without a partner, or with a partner id that is not an MPN id. A well-formed
 * token of that trusted key is the control: it must get in straight at a service, so the refusals
 * are about the claims.
 */
final class TokenCase implements FaultCase {

    private static final String THROWAWAY_PARTNER = "7100009";
    private static final String WRONG_ISSUER = "https://login.evil.example/";
    private static final String ANOTHER_AUDIENCE = "https://graph.microsoft.com";

    @Override
    public String name() {
        return "bad-tokens";
    }

    @Override
    public String kind() {
        return "security";
    }

    @Override
    public String description() {
        return "no / garbage / bad signature / alg none / forged claims / expired / wrong issuer / no or another "
                + "audience / no or non-MPN partner: 401";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Api api = stack.api();
        TokenForge trusted = stack.forge();
        TokenForge untrusted = new TokenForge("cosell-local-key");
        String real = api.token("token-user", THROWAWAY_PARTNER, "MPN_PARTNER_ADMIN");
        Instant inAnHour = Instant.now().plusSeconds(3600);
        List<String> admin = List.of("MPN_PARTNER_ADMIN");

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("no token", null);
        bad.put("garbage", "not.a.jwt");
        bad.put("tampered signature", TokenForge.tampered(real));
        bad.put("forged claims, real signature", trusted.withClaims(real,
                TokenForge.claims(DevIssuer.ISSUER, "token-user", SecurityWorld.PARTNER_A, admin, inAnHour)));
        bad.put("alg none", trusted.unsigned(TokenForge.claims(DevIssuer.ISSUER, "token-user", THROWAWAY_PARTNER, admin, inAnHour)));
        bad.put("signed by an untrusted key", untrusted.signed(
                TokenForge.claims(DevIssuer.ISSUER, "token-user", THROWAWAY_PARTNER, admin, inAnHour)));
        bad.put("expired (trusted key)", trusted.signed(TokenForge.claims(DevIssuer.ISSUER, "token-user",
                THROWAWAY_PARTNER, admin, Instant.now().minusSeconds(600))));
        bad.put("wrong issuer (trusted key)", trusted.signed(
                TokenForge.claims(WRONG_ISSUER, "token-user", THROWAWAY_PARTNER, admin, inAnHour)));
        bad.put("no audience (trusted key)", trusted.signed(TokenForge.forAudience(
                TokenForge.claims(DevIssuer.ISSUER, "token-user", THROWAWAY_PARTNER, admin, inAnHour), null)));
        bad.put("another audience (trusted key)", trusted.signed(TokenForge.forAudience(
                TokenForge.claims(DevIssuer.ISSUER, "token-user", THROWAWAY_PARTNER, admin, inAnHour), ANOTHER_AUDIENCE)));
        bad.put("no partnerId (trusted key)", trusted.signed(
                TokenForge.claims(DevIssuer.ISSUER, "token-user", null, admin, inAnHour)));
        bad.put("partnerId not an MPN id (trusted key)", trusted.signed(
                TokenForge.claims(DevIssuer.ISSUER, "token-user", "partner-a", admin, inAnHour)));
        String control = trusted.signed(TokenForge.claims(DevIssuer.ISSUER, "token-user", THROWAWAY_PARTNER, admin, inAnHour));

        List<Probe> probes = probes(api);
        long sent = 0;
        long refused = 0;
        long through = 0;
        for (Map.Entry<String, String> token : bad.entrySet()) {
            List<String> gotIn = new ArrayList<>();
            for (Probe.Route route : Probe.Route.values()) {
                for (Probe probe : probes) {
                    sent++;
                    Api.Response response = probe.send(api, route, token.getValue());
                    if (response.status() == 401) {
                        refused++;
                    } else {
                        through++;
                        gotIn.add(probe.describe(route) + " -> " + response.status());
                    }
                }
            }
            if (gotIn.isEmpty()) {
                report.note("%-38s 401 on all %d calls", token.getKey(), probes.size() * 2);
            } else {
                report.finding("%s token not refused on %d of %d calls, e.g. %s", token.getKey(), gotIn.size(),
                        probes.size() * 2, gotIn.subList(0, Math.min(3, gotIn.size())));
            }
        }
        long controlIn = probes.stream().filter(probe -> probe.send(api, Probe.Route.DIRECT, control).status() != 401).count();
        report.note("control: a valid token of the trusted test key got in on %d of %d direct calls (the gateway "
                + "trusts only its own key)", controlIn, probes.size());
        report.expect(controlIn == probes.size(), "the control token was refused, so the claim checks above prove nothing");
        return report.sent(sent).arrived(through).refused(refused).result();
    }

    /** A read and a write on each service; the writes name ids nobody has, so a token that gets in changes nothing. */
    private static List<Probe> probes(Api api) {
        String nobody = UUID.randomUUID().toString();
        return List.of(
                Probe.of("list opportunities", Stack.DEALS, "GET", "/api/opportunities?tab=inbound", null),
                Probe.of("lose a deal", Stack.DEALS, "POST", "/api/deals/" + nobody + "/lost", api.write(Bodies.lost())),
                Probe.of("decline a referral", Stack.REFERRALS, "POST", "/api/referrals/" + nobody + "/decline",
                        api.write(Bodies.decline())),
                Probe.of("read settings", Stack.NOTIFICATIONS, "GET", "/api/notification-settings", null),
                Probe.of("read the mail log", Stack.NOTIFICATIONS, "GET", "/api/notifications", null));
    }
}
