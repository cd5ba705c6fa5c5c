package org.cosell.referral.web;

import jakarta.validation.Valid;
import org.cosell.referral.application.ReferralDecisions;
import org.cosell.support.security.Caller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** The partner's answer to an inbound referral; both roles may answer (docs/api.md). */
@RestController
@RequestMapping("/api/referrals/{id}")
public class ReferralController {

    private final ReferralDecisions decisions;

    public ReferralController(ReferralDecisions decisions) {
        this.decisions = decisions;
    }

    @PostMapping("/accept")
    ReferralResponse accept(Caller caller, @PathVariable UUID id, @Valid @RequestBody AcceptReferralRequest request) {
        return ReferralResponse.of(decisions.accept(caller.partnerId(), id, request.toTerms()));
    }

    @PostMapping("/decline")
    ReferralResponse decline(Caller caller, @PathVariable UUID id, @Valid @RequestBody DeclineReferralRequest request) {
        return ReferralResponse.of(decisions.decline(caller.partnerId(), id, request.reason(), request.notes()));
    }
}
