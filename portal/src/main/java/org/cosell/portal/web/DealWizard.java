package org.cosell.portal.web;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;

/**
 * One run of the new-deal wizard, kept in the server-side session: what was entered, the
 * {@code Idempotency-Key} made when it started (every "Create" of this wizard sends it, so a
 * double submit or a retry creates one deal), the customer suggestions last looked up, and the
 * API's field errors of the last refused creation, shown on their steps until they are sent again.
 * A session keeps the {@value #KEPT} most recent wizards, so two tabs each have their own.
 */
final class DealWizard implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final int KEPT = 5;

    private static final String ATTRIBUTE = DealWizard.class.getName();

    private final String id = UUID.randomUUID().toString();

    private final String idempotencyKey = UUID.randomUUID().toString();

    private final DealDraft draft = new DealDraft();

    private final List<SuggestedCustomer> suggestions = new ArrayList<>();

    /** The partner's open deals probably for the same customer, last looked up when the customer (or name) step was sent. */
    private final List<DuplicateLink> duplicates = new ArrayList<>();

    /** The API's field errors, by the draft's property path, in the order it gave them. */
    private final Map<String, String> apiErrors = new LinkedHashMap<>();

    String id() {
        return id;
    }

    String idempotencyKey() {
        return idempotencyKey;
    }

    DealDraft draft() {
        return draft;
    }

    List<SuggestedCustomer> suggestions() {
        return suggestions;
    }

    List<DuplicateLink> duplicates() {
        return duplicates;
    }

    Map<String, String> apiErrors() {
        return apiErrors;
    }

    static DealWizard start(HttpSession session) {
        DealWizard wizard = new DealWizard();
        Wizards wizards = wizards(session);
        wizards.put(wizard.id, wizard);
        session.setAttribute(ATTRIBUTE, wizards);
        return wizard;
    }

    static DealWizard find(HttpSession session, String id) {
        return id == null ? null : wizards(session).get(id);
    }

    /** Stores the wizard again, so a session kept outside this process (Spring Session) sees the change. */
    void save(HttpSession session) {
        session.setAttribute(ATTRIBUTE, wizards(session));
    }

    private static Wizards wizards(HttpSession session) {
        return session.getAttribute(ATTRIBUTE) instanceof Wizards wizards ? wizards : new Wizards();
    }

    /** A customer the lookup suggested: picked, it fills the customer step. */
    record SuggestedCustomer(String name, String dunsNumber, String street, String city, String region,
                             String postalCode, String country) implements Serializable {
    }

    /** The session's wizards, the oldest dropped beyond {@value DealWizard#KEPT}. */
    static final class Wizards extends LinkedHashMap<String, DealWizard> {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DealWizard> eldest) {
            return size() > KEPT;
        }
    }
}
