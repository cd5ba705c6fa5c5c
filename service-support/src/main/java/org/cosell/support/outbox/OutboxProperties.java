package org.cosell.support.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param pollInterval how long the relay waits when nothing woke it before it searches the collections: the safety
 *                     net for events saved by a replica that stopped before relaying them. Every store names
 *                     what it wrote, so this costs only the rare search — one that, on a server without the
 *                     partial index, reads the whole collection
 * @param batchSize    documents relayed per round trip
 * @param lease        how long a relay holds the documents of a round for itself ({@link RelayClaims}): longer than
 *                     a round takes at worst (Kafka's acknowledgement is awaited for 30 s), and how long the events
 *                     of a relay that died mid-round wait before another relay takes them over
 */
@ConfigurationProperties("cosell.outbox")
public record OutboxProperties(
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("60s") Duration lease) {
}
