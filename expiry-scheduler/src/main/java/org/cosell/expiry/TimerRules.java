package org.cosell.expiry;

import org.cosell.contracts.common.EngagementStatus;
import org.cosell.contracts.deal.DealCosellRequested;
import org.cosell.contracts.deal.DealEngagementChanged;
import org.cosell.contracts.deal.DealLost;
import org.cosell.contracts.deal.DealWon;
import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.contracts.referral.ReferralExpired;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.expiry.TimerChange.Arm;
import org.cosell.expiry.TimerChange.Disarm;
import org.cosell.support.kafka.InvalidEventException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.cosell.contracts.expiry.ExpiryKind.ENGAGEMENT_RESPONSE;
import static org.cosell.contracts.expiry.ExpiryKind.REFERRAL_REMINDER;
import static org.cosell.contracts.expiry.ExpiryKind.REFERRAL_RESPONSE;
import static org.cosell.support.kafka.Violations.require;
import static org.cosell.support.kafka.Violations.requireMpnId;

/** Which timers an event on {@code cosell.referrals.events} or {@code cosell.deals.events} arms or disarms. */
@Component
public class TimerRules {

    private final Duration reminderBefore;

    @Autowired
    public TimerRules(ExpiryProperties properties) {
        this(properties.reminderBefore());
    }

    public TimerRules(Duration reminderBefore) {
        this.reminderBefore = reminderBefore;
    }

    /**
     * The changes {@code data} asks for, judged at {@code now}; none for events that concern no timer.
     *
     * @throws InvalidEventException when a field a rule needs is missing, or a partner id is not an MPN id
     */
    public List<TimerChange> changesFor(Object data, Instant now) {
        if (data instanceof ReferralReceived received) {
            return referralReceived(received, now);
        }
        if (data instanceof ReferralAccepted accepted) {
            return referralSettled(accepted.opportunityId(), accepted.partnerId());
        }
        if (data instanceof ReferralDeclined declined) {
            return referralSettled(declined.opportunityId(), declined.partnerId());
        }
        if (data instanceof ReferralExpired expired) {
            return referralSettled(expired.opportunityId(), expired.partnerId());
        }
        if (data instanceof DealCosellRequested requested) {
            UUID dealId = require("dealId", requested.dealId());
            return List.of(new Arm(ENGAGEMENT_RESPONSE, dealId, requireMpnId("partnerId", requested.partnerId()),
                    require("respondBy", requested.respondBy()), null));
        }
        if (data instanceof DealEngagementChanged changed) {
            UUID dealId = require("dealId", changed.dealId());
            EngagementStatus status = require("status", changed.status());
            return status == EngagementStatus.REQUESTED
                    ? List.of()
                    : List.of(new Disarm(ENGAGEMENT_RESPONSE, dealId, changed.partnerId(), changed.respondBy()));
        }
        if (data instanceof DealWon won) {
            return List.of(new Disarm(ENGAGEMENT_RESPONSE, require("dealId", won.dealId()), won.partnerId()));
        }
        if (data instanceof DealLost lost) {
            return List.of(new Disarm(ENGAGEMENT_RESPONSE, require("dealId", lost.dealId()), lost.partnerId()));
        }
        return List.of();
    }

    /** The deadline at {@code respondBy}, and the reminder before it unless its time has already passed. */
    private List<TimerChange> referralReceived(ReferralReceived received, Instant now) {
        UUID opportunityId = require("opportunityId", received.opportunityId());
        String partnerId = requireMpnId("partnerId", received.partnerId());
        Instant respondBy = require("respondBy", received.respondBy());
        List<TimerChange> changes = new ArrayList<>(2);
        changes.add(new Arm(REFERRAL_RESPONSE, opportunityId, partnerId, respondBy, null));
        Instant remindAt = respondBy.minus(reminderBefore);
        if (remindAt.isAfter(now)) {
            changes.add(new Arm(REFERRAL_REMINDER, opportunityId, partnerId, remindAt, respondBy));
        }
        return changes;
    }

    private static List<TimerChange> referralSettled(UUID opportunityId, String partnerId) {
        UUID target = require("opportunityId", opportunityId);
        return List.of(new Disarm(REFERRAL_RESPONSE, target, partnerId), new Disarm(REFERRAL_REMINDER, target, partnerId));
    }
}
