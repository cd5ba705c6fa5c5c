package org.cosell.notification.messaging;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.cosell.contracts.GoldenSamples;
import org.cosell.contracts.Topics;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.support.kafka.BatchPipeline;
import org.cosell.support.kafka.CloudEventCodec;
import org.cosell.support.kafka.InvalidEventException;
import org.cosell.support.kafka.RecordTraces;
import org.cosell.support.tracing.TraceContinuation;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** How a poll is cut into runs of received events and single events, and where a failure fails it. */
class CosellEventsListenerTest {

    private static final CloudEventCodec CODEC = new CloudEventCodec();

    private final MailPlanner planner = mock(MailPlanner.class);
    private final CosellEventsListener listener = new CosellEventsListener(planner, new BatchPipeline(new RecordTraces(
            new StaticListableBeanFactory().getBeanProvider(Tracer.class),
            new StaticListableBeanFactory().getBeanProvider(Propagator.class))), new TraceContinuation(null, null));
    private final List<ConsumerRecord<String, Object>> poll = new ArrayList<>();

    @Test
    void receivedEventsAreHandledTogetherAndEveryOtherAloneInTheOrderOfThePoll() {
        CloudEvent<?> first = received(UUID.randomUUID());
        CloudEvent<?> second = received(UUID.randomUUID());
        CloudEvent<?> declined = sample(EventType.REFERRAL_DECLINED);
        CloudEvent<?> third = received(UUID.randomUUID());

        listener.on(poll(first, second, declined, third));

        InOrder order = inOrder(planner);
        order.verify(planner).referralsReceived(List.of(traced(first), traced(second)));
        order.verify(planner).on(traced(declined));
        order.verify(planner).referralsReceived(List.of(traced(third)));
        order.verifyNoMoreInteractions();
    }

    @Test
    void aSecondEventOfAnOpportunityStartsANewRunSoItsWritesKeepTheirOrder() {
        UUID opportunity = UUID.randomUUID();
        CloudEvent<?> first = received(opportunity);
        CloudEvent<?> other = received(UUID.randomUUID());
        CloudEvent<?> again = received(opportunity);

        listener.on(poll(first, other, again));

        InOrder order = inOrder(planner);
        order.verify(planner).referralsReceived(List.of(traced(first), traced(other)));
        order.verify(planner).referralsReceived(List.of(traced(again)));
        order.verifyNoMoreInteractions();
    }

    @Test
    void anEventLackingRequiredDataFailsThePollAtItsIndexOnceTheEventsBeforeItAreHandled() {
        CloudEvent<?> before = received(UUID.randomUUID());
        CloudEvent<?> invalid = received(null);
        CloudEvent<?> after = received(UUID.randomUUID());

        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.on(poll(before, invalid, after)));

        assertThat(failed.getIndex()).isEqualTo(1);
        assertThat(failed.getCause()).isInstanceOf(InvalidEventException.class)
                .hasMessage("data.opportunityId: is required");
        verify(planner).referralsReceived(List.of(traced(before)));
        verify(planner, never()).referralsReceived(List.of(traced(after)));
    }

    @Test
    void aRecordWithoutAnEventFailsThePollAtItsIndex() {
        CloudEvent<?> before = received(UUID.randomUUID());
        poll(before);
        poll.add(new ConsumerRecord<>(Topics.REFERRAL_EVENTS, 0, poll.size(), "key", null));

        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.on(poll));

        assertThat(failed.getIndex()).isEqualTo(1);
        assertThat(failed.getCause()).isInstanceOf(InvalidEventException.class);
        verify(planner).referralsReceived(List.of(traced(before)));
    }

    @Test
    void aDatabaseOutageFailsThePollAtTheFirstEventOfTheRunToBeRetried() {
        CloudEvent<?> declined = sample(EventType.REFERRAL_DECLINED);
        CloudEvent<?> first = received(UUID.randomUUID());
        CloudEvent<?> second = received(UUID.randomUUID());
        doThrow(new DataAccessResourceFailureException("Timed out connecting to localhost:27017"))
                .when(planner).referralsReceived(anyList());

        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.on(poll(declined, first, second)));

        assertThat(failed.getIndex()).isEqualTo(1);
        verify(planner).on(traced(declined));
        verify(planner, never()).on(traced(first));
    }

    @Test
    void anyOtherFailureOfARunIsNarrowedDownToItsEventByHandlingTheRunOneEventAtATime() {
        CloudEvent<?> first = received(UUID.randomUUID());
        CloudEvent<?> culprit = received(UUID.randomUUID());
        CloudEvent<?> third = received(UUID.randomUUID());
        doThrow(new IllegalStateException("template failed")).when(planner).referralsReceived(anyList());
        doThrow(new IllegalStateException("template failed")).when(planner).on(traced(culprit));

        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.on(poll(first, culprit, third)));

        assertThat(failed.getIndex()).isEqualTo(1);
        assertThat(failed.getCause()).isInstanceOf(InvalidEventException.class)
                .hasMessage("data: could not be stored: template failed");
        verify(planner).on(traced(first));
        verify(planner, never()).on(traced(third));
    }

    /** Read outside any trace, as every event of this test is. */
    private static TracedEvent traced(CloudEvent<?> event) {
        return new TracedEvent(event, null);
    }

    @Test
    void anEmptyPollDoesNothing() {
        listener.on(List.of());

        verifyNoInteractions(planner);
    }

    private List<ConsumerRecord<String, Object>> poll(CloudEvent<?>... events) {
        for (CloudEvent<?> event : events) {
            poll.add(new ConsumerRecord<>(Topics.REFERRAL_EVENTS, 0, poll.size(), event.subject(), event));
        }
        return poll;
    }

    private static CloudEvent<?> received(UUID opportunityId) {
        ReferralReceived referral = new ReferralReceived(opportunityId, "REF-1", "4412345", null, null, null,
                Instant.parse("2026-11-24T10:00:00Z"), null);
        return CloudEvent.of(UUID.randomUUID().toString(), "urn:test", EventType.REFERRAL_RECEIVED,
                String.valueOf(opportunityId), Instant.parse("2026-11-24T10:00:00Z"), referral);
    }

    private static CloudEvent<?> sample(EventType type) {
        return CODEC.read(GoldenSamples.json(type).getBytes(StandardCharsets.UTF_8));
    }
}
