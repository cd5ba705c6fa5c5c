package org.cosell.portal.web;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

import org.cosell.portal.api.PossibleDuplicate;

/**
 * A deal that may be for the same customer, as the wizard and the new deal's page link to it. Kept
 * in the session (the wizard, a flash attribute), so it holds only what is shown.
 */
record DuplicateLink(String id, String name, String stage, String customer) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static List<DuplicateLink> of(List<PossibleDuplicate> duplicates) {
        return duplicates.stream().filter(d -> d.id() != null)
                .map(d -> new DuplicateLink(d.id(), d.name(), d.stage(), d.customer() == null ? null : d.customer().name()))
                .toList();
    }
}
