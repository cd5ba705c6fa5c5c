package org.cosell.notification.messaging;

import org.cosell.contracts.common.Money;
import org.cosell.contracts.common.Sender;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.UUID;

/**
 * What this service remembers of an opportunity to write a mail whose event does not carry it all
 * (a reminder, a decline, an expiry, an engagement answer). {@code referralStage} is empty for an
 * outbound deal.
 */
@Document("opportunities")
public record OpportunitySummary(
        @Id UUID id,
        String partnerId,
        String referralId,
        String dealName,
        String customerName,
        Money estimatedValue,
        Sender sender,
        Instant respondBy,
        ReferralStage referralStage) {
}
