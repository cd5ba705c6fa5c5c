package org.cosell.support.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * @param collections  the collections whose documents carry {@code pendingEvents}
 * @param pollInterval how long the relay waits when nothing woke it (the safety net)
 * @param batchSize    documents relayed per round trip
 */
@ConfigurationProperties("cosell.outbox")
public record OutboxProperties(
        List<String> collections,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("500") int batchSize) {

    public OutboxProperties {
        collections = collections == null ? List.of() : List.copyOf(collections);
    }
}
