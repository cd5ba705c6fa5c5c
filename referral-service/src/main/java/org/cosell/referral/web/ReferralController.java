package org.cosell.referral.web;

import jakarta.validation.Valid;
import org.cosell.referral.application.ReferralDecisions;
import org.cosell.support.idempotency.IdempotencyKeys;
import org.cosell.support.idempotency.IdempotentRequest;
import org.cosell.support.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * The partner's answer to an inbound referral; both roles may answer (docs/api.md). With an {@code
 * Idempotency-Key}, a repeat of the call that answered the referral gets the same answer again.
 */
@RestController
@RequestMapping("/api/referrals/{id}")
public class ReferralController {

    private final ReferralDecisions decisions;
    private final IdempotencyKeys idempotencyKeys;

    public ReferralController(ReferralDecisions decisions, IdempotencyKeys idempotencyKeys) {
        this.decisions = decisions;
        this.idempotencyKeys = idempotencyKeys;
    }

    @PostMapping("/accept")
    ResponseEntity<ReferralResponse> accept(Caller caller, @PathVariable UUID id,
                                            @RequestHeader(value = IdempotentRequest.HEADER, required = false) String key,
                                            @Valid @RequestBody AcceptReferralRequest request) {
        IdempotentRequest call = idempotencyKeys.request(key, "accept referral " + id, request);
        return respond(decisions.accept(caller.partnerId(), id, request.toTerms(), caller.actor(), call));
    }

    @PostMapping("/decline")
    ResponseEntity<ReferralResponse> decline(Caller caller, @PathVariable UUID id,
                                             @RequestHeader(value = IdempotentRequest.HEADER, required = false) String key,
                                             @Valid @RequestBody DeclineReferralRequest request) {
        IdempotentRequest call = idempotencyKeys.request(key, "decline referral " + id, request);
        return respond(decisions.decline(caller.partnerId(), id, request.reason(), request.notes(), caller.actor(),
                call));
    }

    private static ResponseEntity<ReferralResponse> respond(ReferralDecisions.Answer answer) {
        return ResponseEntity.ok()
                .header(IdempotentRequest.REPLAYED_HEADER, Boolean.toString(answer.repeated()))
                .body(ReferralResponse.of(answer.referral()));
    }
}
