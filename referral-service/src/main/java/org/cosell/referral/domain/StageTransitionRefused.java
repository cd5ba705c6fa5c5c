package org.cosell.referral.domain;

/** A life-cycle move the referral's current stage does not allow; the API answers 409. */
public class StageTransitionRefused extends RuntimeException {

    private final ReferralStage from;
    private final ReferralStage to;

    public StageTransitionRefused(ReferralStage from, ReferralStage to, String why) {
        super("The referral cannot move from " + from + " to " + to + ": " + why);
        this.from = from;
        this.to = to;
    }

    public ReferralStage from() {
        return from;
    }

    public ReferralStage to() {
        return to;
    }
}
