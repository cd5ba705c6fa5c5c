package org.cosell.support.web;

/** A request parameter with a value the API does not take: a 400 naming the parameter. */
public class InvalidParameterException extends RuntimeException {

    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
