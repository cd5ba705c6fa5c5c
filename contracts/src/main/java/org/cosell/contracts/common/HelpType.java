package org.cosell.contracts.common;

/** What kind of help a partner asks Microsoft for in a co-sell request. */
public enum HelpType {
    TECHNICAL_ARCHITECTURE,
    PRICING,
    EXECUTIVE_SPONSOR,
    CUSTOMER_INTRODUCTION,
    MARKETING,
    OTHER
}
