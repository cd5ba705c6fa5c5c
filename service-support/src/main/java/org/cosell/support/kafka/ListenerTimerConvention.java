package org.cosell.support.kafka;

import io.micrometer.common.KeyValues;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation.DefaultKafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * Gives a record listener's {@code spring.kafka.listener} timer the tags spring-kafka gives a batch
 * listener's: {@code name} (the listener container), {@code result} and {@code exception}.
 * <p>
 * A batch listener is not observed: spring-kafka times it with a plain timer of the same name,
 * tagged {@code name}, {@code result}, {@code exception}. The default record-listener observation
 * tags its timer {@code spring.kafka.listener.id} and {@code messaging.*} instead, and Prometheus
 * takes only one set of tag keys per meter name: whichever kind of listener ran first kept its
 * timer, the other's timings were dropped. The messaging tags still describe each record's span
 * (as high-cardinality values, which no timer gets).
 */
public class ListenerTimerConvention implements KafkaListenerObservationConvention {

    private static final String NONE = "none";

    @Override
    public KeyValues getLowCardinalityKeyValues(KafkaRecordReceiverContext context) {
        Throwable error = context.getError();
        return KeyValues.of(
                "name", context.getListenerId(),
                "result", error == null ? "success" : "failure",
                "exception", error == null ? NONE : error.getClass().getSimpleName());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(KafkaRecordReceiverContext context) {
        return DefaultKafkaListenerObservationConvention.INSTANCE.getLowCardinalityKeyValues(context)
                .and(DefaultKafkaListenerObservationConvention.INSTANCE.getHighCardinalityKeyValues(context));
    }

    @Override
    public String getContextualName(KafkaRecordReceiverContext context) {
        return DefaultKafkaListenerObservationConvention.INSTANCE.getContextualName(context);
    }
}
