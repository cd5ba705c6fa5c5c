package org.cosell.faults;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid request bodies of docs/api.md, as maps a case may change before sending. */
final class Bodies {

    private Bodies() {
    }

    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    static String closeDate() {
        return LocalDate.now().plusMonths(6).toString();
    }

    static Map<String, Object> money(String amount) {
        return object("amount", amount, "currency", "USD");
    }

    static Map<String, Object> employee(String email) {
        return object("name", "Ada Employee", "phone", "+1 425 555 0100", "email", email);
    }

    static Map<String, Object> accept(String name, String employeeEmail) {
        return object("name", name, "estimatedValue", money("30000.00"), "estimatedCloseDate", closeDate(),
                "notes", "Taking it", "employees", List.of(employee(employeeEmail)));
    }

    static Map<String, Object> decline() {
        return object("reason", "NOT_A_FIT", "notes", "Not for us");
    }

    static Map<String, Object> createDeal(String name, String customerName, String employeeEmail) {
        Map<String, Object> customer = object("name", customerName, "dunsNumber", "987654321",
                "address", object("street", "1 Way", "city", "Redmond", "region", "WA", "postalCode", "98052", "country", "US"),
                "contact", object("name", "Cy Customer", "phone", "+1 425 555 0199", "email", "cy@customer.example"),
                "consentToShareContact", true);
        return object("name", name, "estimatedValue", money("45000.00"), "estimatedCloseDate", closeDate(),
                "notes", "Outbound", "crmId", "CRM-1", "campaignId", "CAMP-1", "customer", customer,
                "employees", List.of(employee(employeeEmail)),
                "solutions", List.of(object("id", "sol-own-widget", "name", "Own Widget", "type", "PARTNER")));
    }

    static Map<String, Object> cosellRequest() {
        return object("notes", "Please help with the customer's architecture review", "consentToShareContact", true);
    }

    static Map<String, Object> lost() {
        return object("reason", "NO_BUDGET", "notes", "Budget cut");
    }

    static Map<String, Object> won() {
        return object("registration", object("finalValue", money("41000.00"),
                "contractSignedDate", LocalDate.now().toString(), "notes", "Signed"));
    }

    static Map<String, Object> solution(String name) {
        return object("name", name, "type", "PARTNER", "registrationEligible", false);
    }

    static Map<String, Object> settings(String... recipients) {
        return object("referralRecipients", List.of(recipients));
    }
}
