package org.cosell.contracts;

/**
 * How much a string or a list of the contract may hold, the same wherever it enters: a REST body
 * (as {@code @Size}/{@code @Digits} bounds) or a record on a topic (checked before it is stored).
 * Without them one request or record could carry thousands of employees or megabytes of text
 * into every event and view made from it.
 */
public final class Limits {

    /** Names of deals, customers, senders, people and solutions; referral and solution ids; a street. */
    public static final int NAME = 200;
    public static final int NOTES = 5000;
    /** The partner's own references: CRM id, campaign id, customer tenant id. */
    public static final int REFERENCE = 100;
    public static final int PHONE = 50;
    public static final int EMAIL = 254;
    public static final int STREET = 200;
    public static final int CITY = 100;
    public static final int REGION = 100;
    public static final int POSTAL_CODE = 20;
    /** The partner's employees on a deal. */
    public static final int EMPLOYEES = 50;
    /** The solutions of a deal or a suggested one. */
    public static final int SOLUTIONS = 50;
    /** Digits of an amount before the decimal point. */
    public static final int AMOUNT_INTEGER_DIGITS = 15;
    /** Digits of an amount after the decimal point. */
    public static final int AMOUNT_FRACTION_DIGITS = 2;
    /** The {@code id}, {@code source} and {@code subject} of a CloudEvent. */
    public static final int EVENT_ATTRIBUTE = 256;
    /** A Microsoft Partner Network id: 1 to 20 digits. */
    public static final String MPN_ID = "\\d{1,20}";

    private Limits() {
    }
}
