package org.cosell.support.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cosell.contracts.CloudEvent;
import org.cosell.contracts.EventType;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * The event of a record. A record listener gets only readable events; a batch listener gets every
 * record of the poll, and one that could not be read carries the deserializer's failure in a header
 * instead of a value ({@link BatchPipeline} reads them).
 */
public final class CloudEventRecords {

    private static final LogAccessor LOG = new LogAccessor(CloudEventRecords.class);

    private CloudEventRecords() {
    }

    /**
     * @throws DeserializationException when the record could not be read (the reason is the exception's)
     * @throws InvalidEventException    when the record has no value
     */
    static CloudEvent<?> eventOf(ConsumerRecord<?, ?> record) throws DeserializationException {
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (unreadable != null) {
            throw unreadable;
        }
        if (!(record.value() instanceof CloudEvent<?> event)) {
            throw new InvalidEventException("not a CloudEvent: the record has no value");
        }
        return event;
    }

    /**
     * The data of an event read from a topic that takes events of one type only.
     *
     * @throws InvalidEventException naming the type the topic takes, when the event is of another
     */
    public static <D> D dataOf(CloudEvent<?> event, EventType type, Class<D> dataType) {
        if (!dataType.isInstance(event.data())) {
            throw new InvalidEventException("type: " + type.topic() + " takes only " + type.id() + ", not "
                    + event.type());
        }
        return dataType.cast(event.data());
    }
}
