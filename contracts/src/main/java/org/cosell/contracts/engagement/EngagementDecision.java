package org.cosell.contracts.engagement;

/** A Microsoft seller's answer to a co-sell request. */
public enum EngagementDecision {
    ENGAGED,
    DECLINED
}
