package org.cosell.deal.customer;

import org.cosell.contracts.common.Address;
import org.cosell.support.PartnerScopedId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A company the customer directory knows: shipped entries have no {@code partnerId} and serve every
 * partner; what a partner's referrals and deals taught is kept for that partner alone. {@code
 * entityKey} identifies the company across those scopes (its D-U-N-S number, else its name and
 * place, each part URL-encoded so that no two companies' parts run together into one key); {@code
 * nameKey}, {@code country} and {@code cityKey} are what suggestions search.
 */
@Document("customers")
public record DirectoryCustomer(@Id String id, String partnerId, String entityKey, String name, String nameKey,
                                String dunsNumber, Address address, String country, String cityKey,
                                Instant lastSeenAt) {

    /**
     * {@link PartnerScopedId} of the partner id (none for a shipped entry) and the entity key: no text
     * a partner id may hold makes it another partner's entry or a shipped one.
     */
    static String idOf(String partnerId, String entityKey) {
        return PartnerScopedId.of(partnerId, entityKey);
    }
}
