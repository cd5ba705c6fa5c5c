package org.cosell.support.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * @param collections  the collections whose documents carry {@code pendingEvents}
 * @param pollInterval how long the relay waits when nothing woke it before it searches the collections: the safety
 *                     net for events saved by a replica that stopped before relaying them. Every writer names
 *                     what it saved, so this costs only the rare search — one that, on a server without the
 *                     partial index, reads the whole collection
 * @param batchSize    documents relayed per round trip
 */
@ConfigurationProperties("cosell.outbox")
public record OutboxProperties(
        List<String> collections,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("500") int batchSize) {

    public OutboxProperties {
        collections = collections == null ? List.of() : List.copyOf(collections);
    }
}
