package org.cosell.deal.opportunity;

import org.cosell.support.web.InvalidParameterException;

/**
 * A request that is well-formed but misses what the deal's own state makes necessary (a complete
 * customer contact for a co-sell request, a registration for a registration-eligible solution):
 * a 400 naming the field.
 */
public class DealRuleViolation extends InvalidParameterException {

    public DealRuleViolation(String field, String message) {
        super(field, message);
    }
}
