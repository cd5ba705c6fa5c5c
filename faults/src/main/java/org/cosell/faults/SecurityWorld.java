package org.cosell.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cosell.contracts.Topics;

/**
 * The data the security cases attack: partner A with referrals (one accepted), an outbound deal
 * marked favorite, an own solution and notification settings; partner B, whose users try to reach
 * them. B's user has the same {@code sub} as A's, so per-user data (favorites) must be scoped by
 * partner too. Made once per run, on first use.
 */
final class SecurityWorld {

    static final String PARTNER_A = "7100001";
    static final String PARTNER_B = "7100002";
    static final String SHARED_SUB = "shared-user";
    static final String A_CUSTOMER = "Alphacorp Hidden Customer";
    static final String A_DEAL_NAME = "Alpha secret outbound deal";
    static final String A_EMPLOYEE = "alpha.employee@partner-a.example";
    static final String A_RECIPIENT = "alpha-team@partner-a.example";
    static final String A_SOLUTION = "Alpha Secret Solution";

    private static SecurityWorld world;

    final String adminA;
    final String referralsAdminA;
    final String noRolesA;
    final String adminB;
    final String outboundDeal;
    final String acceptedReferral;
    final List<String> openReferrals;
    final String ownSolution;

    private SecurityWorld(String adminA, String referralsAdminA, String noRolesA, String adminB, String outboundDeal,
                          String acceptedReferral, List<String> openReferrals, String ownSolution) {
        this.adminA = adminA;
        this.referralsAdminA = referralsAdminA;
        this.noRolesA = noRolesA;
        this.adminB = adminB;
        this.outboundDeal = outboundDeal;
        this.acceptedReferral = acceptedReferral;
        this.openReferrals = openReferrals;
        this.ownSolution = ownSolution;
    }

    static synchronized SecurityWorld of(Stack stack) throws InterruptedException {
        if (world == null) {
            world = create(stack);
        }
        return world;
    }

    private static SecurityWorld create(Stack stack) throws InterruptedException {
        Api api = stack.api();
        String adminA = api.token(SHARED_SUB, PARTNER_A, "MPN_PARTNER_ADMIN");
        String referralsAdminA = api.token("a-referrals", PARTNER_A, "REFERRALS_ADMIN");
        String noRolesA = api.token("a-nobody", PARTNER_A);
        String adminB = api.token(SHARED_SUB, PARTNER_B, "MPN_PARTNER_ADMIN");

        List<String> referrals = offerReferrals(stack, adminA, PARTNER_A, "SEC-A", 3, A_CUSTOMER);
        expect(api.send("POST", Api.GATEWAY + "/api/referrals/" + referrals.get(0) + "/accept", adminA,
                api.write(Bodies.accept("Alpha secret accepted deal", A_EMPLOYEE))), 200, "accept");
        Api.Response created = expect(api.send("POST", Api.GATEWAY + "/api/deals", adminA,
                api.write(Bodies.createDeal(A_DEAL_NAME, "Alphacorp Outbound Customer", A_EMPLOYEE))), 201, "create deal");
        String deal = api.json(created).path("id").asString();
        expect(api.send("PUT", Api.GATEWAY + "/api/opportunities/" + deal + "/favorite", adminA, null), 204, "favorite");
        Api.Response solution = expect(api.send("POST", Api.GATEWAY + "/api/solutions", adminA,
                api.write(Bodies.solution(A_SOLUTION))), 201, "add solution");
        expect(api.send("PUT", Api.GATEWAY + "/api/notification-settings", adminA,
                api.write(Bodies.settings(A_RECIPIENT))), 200, "settings");
        Await.sleep(Duration.ofSeconds(2));
        return new SecurityWorld(adminA, referralsAdminA, noRolesA, adminB, deal, referrals.get(0),
                referrals.subList(1, referrals.size()), api.json(solution).path("id").asString());
    }

    /**
     * Offers {@code count} referrals to a partner and waits until deal-service shows each of them;
     * answers their opportunity ids in offer order.
     */
    static List<String> offerReferrals(Stack stack, String token, String partnerId, String prefix, int count,
                                       String customerName) throws InterruptedException {
        Upstream upstream = stack.upstream();
        List<String> referralIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String referralId = prefix + "-" + UUID.randomUUID();
            referralIds.add(referralId);
            upstream.sendOffer(upstream.offer(referralId, partnerId, data -> {
                data.withObjectProperty("customer").put("name", customerName);
                data.withObjectProperty("deal").put("name", prefix + " referral");
            }));
        }
        upstream.flush();
        Map<String, String> opportunities = new LinkedHashMap<>();
        Set<String> wanted = Set.copyOf(referralIds);
        boolean announced = Await.until(Duration.ofSeconds(60), () -> opportunities.size() + " of " + count + " announced", () -> {
            for (SeenRecord record : stack.events().on(Topics.REFERRAL_EVENTS,
                    record -> record.isReceived() && wanted.contains(record.referralId()))) {
                opportunities.put(record.referralId(), record.subjectId());
            }
            return opportunities.size() == count;
        });
        if (!announced) {
            throw new IllegalStateException("referrals " + prefix + " were not announced within 60 s");
        }
        List<String> ids = referralIds.stream().map(opportunities::get).toList();
        Await.until(Duration.ofSeconds(30), () -> "waiting for deal-service to show " + prefix,
                () -> ids.stream().allMatch(id -> stack.api().get(Api.GATEWAY + "/api/opportunities/" + id, token).status() == 200));
        return ids;
    }

    private static Api.Response expect(Api.Response response, int status, String what) {
        if (response.status() != status) {
            throw new IllegalStateException("seeding the security cases: " + what + " answered " + response.shortly());
        }
        return response;
    }

    /** Strings of partner A that must never appear in an answer to partner B. */
    List<String> secretsOfA() {
        List<String> secrets = new ArrayList<>(List.of("Alphacorp", "Alpha secret", A_EMPLOYEE, A_RECIPIENT, A_SOLUTION,
                outboundDeal, acceptedReferral, ownSolution, PARTNER_A));
        secrets.addAll(openReferrals);
        return secrets;
    }
}
