package org.cosell.support.domain;

/**
 * A well-formed request or move that breaks a rule of the domain, naming the field at fault: a
 * deal asking Microsoft for help without a complete customer contact, a parameter the API does not
 * take. The REST API answers 400 naming the field.
 */
public class RuleViolation extends RuntimeException {

    private final String field;

    public RuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
