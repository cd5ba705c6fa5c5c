package org.cosell.deal.catalog;

import org.cosell.contracts.common.SolutionType;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A solution partners can put on deals. Shipped entries (Microsoft, third-party, well-known partner
 * solutions) belong to every partner and have no {@code partnerId}; a partner's own additions carry
 * its id and are seen only by it. {@code nameKey} (the name in lower case) keeps a partner from
 * listing one name twice.
 */
@Document("solutions")
@CompoundIndex(name = "partner_name", def = "{'partnerId': 1, 'nameKey': 1}", unique = true)
public record CatalogSolution(@Id String id, String partnerId, String name, String nameKey, SolutionType type,
                              boolean registrationEligible) {
}
