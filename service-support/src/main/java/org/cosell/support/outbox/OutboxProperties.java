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
 */
@ConfigurationProperties("cosell.outbox")
public record OutboxProperties(
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("500") int batchSize) {
}
