package org.cosell.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/**
 * Partners and users whose ids were crafted so that, joined into one text, they would name one stored
 * record: an {@code Idempotency-Key} of partner {@code <n>:7} ({@code k}) against one of partner
 * {@code <n>} ({@code 7:k}); a partner called {@code *}, like the scope of the customer directory's
 * shipped entries, learning a shipped customer; two partners' users with one {@code sub} marking
 * favorites. Nothing may be shared: each partner gets its own deal and sees only its own favorites,
 * everybody still sees the shipped entry as shipped. A crafted partner id may instead be refused when
 * the token is asked for or used.
 */
final class CraftedIdsCase implements FaultCase {

    private static final String SHIPPED_CUSTOMER = "Contoso Ltd";
    private static final String SHIPPED_DUNS = "123456789";

    private long sent;
    private long refused;

    @Override
    public String name() {
        return "crafted-ids";
    }

    @Override
    public String kind() {
        return "security";
    }

    @Override
    public String description() {
        return "partner ids, keys and subs crafted to run together into one stored id: nothing shared across partners";
    }

    @Override
    public CaseResult run(Stack stack) throws Exception {
        CaseReport report = new CaseReport(name(), kind());
        Api api = stack.api();
        sent = 0;
        refused = 0;
        String partner = "72" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
        String key = "k-" + UUID.randomUUID();

        sameKeyTextOfTwoPartners(api, report, partner + ":7", key, partner, "7:" + key);
        sameKeyTextOfTwoPartners(api, report, partner + "1", key, partner + "2", key);
        sameSubOfTwoPartners(api, report, partner + "3", partner + "4");
        partnerNamedLikeTheShippedScope(api, report, partner + "5");

        return report.sent(sent).arrived(sent - refused).refused(refused).result();
    }

    /** Both create a deal with the given key: two deals, each its creator's alone. */
    private void sameKeyTextOfTwoPartners(Api api, CaseReport report, String firstPartner, String firstKey,
                                          String secondPartner, String secondKey) {
        String sub = "crafted-" + UUID.randomUUID();
        String first = token(api, sub, firstPartner);
        String second = token(api, sub, secondPartner);
        String firstDeal = createDeal(api, report, first, firstPartner, firstKey);
        String secondDeal = createDeal(api, report, second, secondPartner, secondKey);
        if (firstDeal == null || secondDeal == null) {
            report.note("partners %s (key %s) and %s (key %s): a partner id refused, nothing to share", firstPartner,
                    firstKey, secondPartner, secondKey);
            return;
        }
        report.expect(!firstDeal.equals(secondDeal), "partner %s with key %s got partner %s's deal %s (key %s)",
                secondPartner, secondKey, firstPartner, firstDeal, firstKey);
        expectNotFound(api, report, second, "/api/opportunities/" + firstDeal, secondPartner);
        expectNotFound(api, report, first, "/api/opportunities/" + secondDeal, firstPartner);
        report.note("partners %s (key %s) and %s (key %s): deals %s and %s", firstPartner, firstKey, secondPartner,
                secondKey, firstDeal, secondDeal);
    }

    /** Users of two partners with one sub each mark their own deal: each sees its own mark only. */
    private void sameSubOfTwoPartners(Api api, CaseReport report, String firstPartner, String secondPartner) {
        String sub = "crafted-shared-" + UUID.randomUUID();
        String first = token(api, sub, firstPartner);
        String second = token(api, sub, secondPartner);
        String firstDeal = createDeal(api, report, first, firstPartner, null);
        String secondDeal = createDeal(api, report, second, secondPartner, null);
        if (firstDeal == null || secondDeal == null) {
            return;
        }
        send(api, "PUT", "/api/opportunities/" + firstDeal + "/favorite", first, null);
        send(api, "PUT", "/api/opportunities/" + secondDeal + "/favorite", second, null);
        send(api, "DELETE", "/api/opportunities/" + secondDeal + "/favorite", second, null);
        List<String> firstFavorites = favorites(api, first);
        List<String> secondFavorites = favorites(api, second);
        report.expect(firstFavorites.equals(List.of(firstDeal)), "%s's user %s sees favorites %s, expected only %s",
                firstPartner, sub, firstFavorites, firstDeal);
        report.expect(secondFavorites.isEmpty(), "%s's user %s unmarked its deal yet sees favorites %s",
                secondPartner, sub, secondFavorites);
        report.note("one sub in partners %s and %s: favorites %s and %s", firstPartner, secondPartner, firstFavorites,
                secondFavorites);
    }

    /** Partner "*" learns the shipped customer elsewhere: everybody else still sees it as shipped. */
    private void partnerNamedLikeTheShippedScope(Api api, CaseReport report, String honestPartner) {
        String crafted = token(api, "crafted-" + UUID.randomUUID(), "*");
        if (crafted != null) {
            Map<String, Object> deal = Bodies.createDeal("Crafted scope deal", SHIPPED_CUSTOMER, "star@crafted.example");
            deal.put("customer", Bodies.object("name", SHIPPED_CUSTOMER, "dunsNumber", SHIPPED_DUNS,
                    "address", Bodies.object("street", "9 Crafted Road", "city", "Tacoma", "region", "WA",
                            "postalCode", "98402", "country", "US")));
            Api.Response created = send(api, "POST", "/api/deals", crafted, api.write(deal));
            if (created.status() == 401 || created.status() == 403) {
                refused++;
            }
            report.note("partner \"*\" creating a deal with the shipped customer: %s", created.shortly());
        }
        String honest = token(api, "honest-" + UUID.randomUUID(), honestPartner);
        Api.Response suggestions = send(api, "GET", "/api/customers?q=Contoso&country=US&size=20", honest, null);
        JsonNode shipped = null;
        for (JsonNode item : api.json(suggestions).path("items")) {
            if (SHIPPED_DUNS.equals(item.path("dunsNumber").asString())) {
                shipped = item;
            }
        }
        report.expect(shipped != null, "partner %s no longer sees the shipped %s (D-U-N-S %s): %s", honestPartner,
                SHIPPED_CUSTOMER, SHIPPED_DUNS, suggestions.shortly());
        if (shipped != null) {
            String city = shipped.path("address").path("city").asString();
            report.expect("Seattle".equals(city), "partner %s sees the shipped %s in %s, which partner \"*\" taught",
                    honestPartner, SHIPPED_CUSTOMER, city);
        }
    }

    /** A dev token, or {@code null} (counted refused) when the issuer will not make one for this partner id. */
    private String token(Api api, String sub, String partnerId) {
        try {
            return api.token(sub, partnerId, "MPN_PARTNER_ADMIN");
        } catch (IllegalStateException refusedPartnerId) {
            sent++;
            refused++;
            return null;
        }
    }

    /** The new deal's id, or {@code null} when the partner or its token was refused. */
    private String createDeal(Api api, CaseReport report, String token, String partnerId, String key) {
        if (token == null) {
            return null;
        }
        String body = api.write(Bodies.createDeal("Crafted deal of " + partnerId, "Crafted Customer", "crafted@example.com"));
        Api.Response response = key == null ? send(api, "POST", "/api/deals", token, body)
                : sendWithKey(api, token, body, key);
        if (response.status() == 401 || response.status() == 403) {
            refused++;
            return null;
        }
        if (!report.expect(response.status() == 201, "partner %s creating a deal answered %s", partnerId,
                response.shortly())) {
            return null;
        }
        List<String> replayed = response.headers().getOrDefault("idempotent-replayed", List.of());
        report.expect(!replayed.contains("true"), "partner %s's first deal with key %s was answered as a replay",
                partnerId, key);
        return api.json(response).path("id").asString();
    }

    private void expectNotFound(Api api, CaseReport report, String token, String path, String partnerId) {
        Api.Response response = send(api, "GET", path, token, null);
        report.expect(response.status() == 404, "partner %s reading %s answered %s", partnerId, path,
                response.shortly());
    }

    private List<String> favorites(Api api, String token) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : api.json(send(api, "GET", "/api/opportunities?tab=favorites", token, null)).path("items")) {
            ids.add(item.path("id").asString());
        }
        return ids;
    }

    private Api.Response send(Api api, String method, String path, String token, String body) {
        sent++;
        return api.send(method, Api.GATEWAY + path, token, body);
    }

    private Api.Response sendWithKey(Api api, String token, String body, String key) {
        sent++;
        return api.sendTyped("POST", Api.GATEWAY + "/api/deals", token, body, "application/json",
                "Idempotency-Key", key);
    }
}
