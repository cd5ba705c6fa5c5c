package org.cosell.notification.messaging;

import org.cosell.contracts.CloudEvent;

/**
 * An event with the trace it was read in ({@code traceparent}, or {@code null} outside a trace):
 * received referrals are handled a run at a time, outside any one record's trace, and each one's
 * mail must still continue its own.
 */
public record TracedEvent(CloudEvent<?> event, String traceparent) {
}
