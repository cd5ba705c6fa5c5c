package org.cosell.referral.application;

import org.cosell.referral.domain.Referral;
import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.Optional;
import java.util.UUID;

public interface ReferralRepository extends MongoRepository<Referral, UUID> {

    Optional<Referral> findBySenderSystemAndReferralId(String senderSystem, String referralId);
}
