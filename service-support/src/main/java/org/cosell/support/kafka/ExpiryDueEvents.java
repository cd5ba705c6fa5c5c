package org.cosell.support.kafka;

import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.expiry.ExpiryDue;
import org.cosell.contracts.expiry.ExpiryKind;
import org.cosell.support.domain.NotFoundException;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * How a service applies the deadlines expiry-scheduler announces. The scheduler only says a
 * deadline is due; whether its target expires is decided by the target itself.
 */
public final class ExpiryDueEvents {

    private ExpiryDueEvents() {
    }

    /**
     * Expires the target of a due deadline of {@code kind}; a deadline of another kind is another
     * service's, and changes nothing here.
     *
     * @param targetName what the target is called when this service holds no such target
     * @throws InvalidEventException  when the event names no target
     * @throws RejectedEventException when this service holds no such target ({@code expire} threw
     *                                {@link NotFoundException})
     */
    public static void expire(CloudEvent<?> event, ExpiryKind kind, String targetName, Consumer<UUID> expire) {
        if (!(event.data() instanceof ExpiryDue due) || due.kind() != kind) {
            return;
        }
        UUID target = Violations.require("targetId", due.targetId());
        try {
            expire.accept(target);
        } catch (NotFoundException unknown) {
            throw new RejectedEventException("data.targetId: no " + targetName + " " + target);
        }
    }
}
