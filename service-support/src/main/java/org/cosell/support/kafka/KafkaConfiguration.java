package org.cosell.support.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cosell.contracts.Topics;
import org.cosell.support.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka side every service shares: string keys, CloudEvent values (raw bytes for relayed and
 * dead-lettered records), every topic of docs/events.md declared up front with its dead-letter twin, and one
 * failure policy — bounded retries for transient faults, then {@code <topic>.DLT} with a
 * {@code cosell-error} header saying why, so a bad record never stops a consumer.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
public class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

    /** The timer spring-kafka keeps of every listener, record and batch alike. */
    static final String LISTENER_TIMER = "spring.kafka.listener";

    @Bean
    RecordTraces recordTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new RecordTraces(tracer, propagator);
    }

    @Bean
    BatchPipeline batchPipeline(RecordTraces traces) {
        return new BatchPipeline(traces);
    }

    @Bean
    CloudEventCodec cloudEventCodec() {
        return new CloudEventCodec();
    }

    @Bean
    @SuppressWarnings("unchecked")
    DefaultKafkaConsumerFactoryCustomizer cloudEventConsumerFactoryCustomizer(CloudEventCodec codec) {
        return factory -> {
            DefaultKafkaConsumerFactory<String, Object> consumerFactory = (DefaultKafkaConsumerFactory<String, Object>) factory;
            consumerFactory.setKeyDeserializerSupplier(StringDeserializer::new);
            consumerFactory.setValueDeserializerSupplier(
                    () -> new ErrorHandlingDeserializer<>(new CloudEventDeserializer(codec)));
        };
    }

    @Bean
    @SuppressWarnings("unchecked")
    DefaultKafkaProducerFactoryCustomizer cloudEventProducerFactoryCustomizer(CloudEventCodec codec) {
        return factory -> {
            DefaultKafkaProducerFactory<String, Object> producerFactory = (DefaultKafkaProducerFactory<String, Object>) factory;
            producerFactory.setKeySerializerSupplier(StringSerializer::new);
            producerFactory.setValueSerializerSupplier(() -> new CloudEventSerializer(codec));
        };
    }

    /** Every listener's timing under one set of tag keys ({@link ListenerTimerConvention}). */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> listenerTimerCustomizer() {
        ListenerTimerConvention convention = new ListenerTimerConvention();
        return container -> container.getContainerProperties().setObservationConvention(convention);
    }

    /**
     * The observation handler tags every timer with {@code error}, which a batch listener's timer
     * cannot have; on the listener timer it says no more than {@code exception}.
     */
    @Bean
    MeterFilter listenerTimerWithoutErrorTag() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!LISTENER_TIMER.equals(id.getName()) || id.getTag("error") == null) {
                    return id;
                }
                return id.replaceTags(id.getTags().stream().filter(tag -> !tag.getKey().equals("error")).toList());
            }
        };
    }

    @Bean
    KafkaAdmin.NewTopics cosellTopics(@Value("${cosell.kafka.partitions:3}") int partitions,
                                      @Value("${cosell.kafka.replicas:1}") int replicas) {
        List<org.apache.kafka.clients.admin.NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(TopicBuilder.name(topic).partitions(partitions).replicas(replicas).build());
            topics.add(TopicBuilder.name(Topics.deadLetter(topic)).partitions(partitions).replicas(replicas).build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
    }

    @Bean
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, Object> template, MeterRegistry meterRegistry) {
        // No partition of our own (-1): the producer picks one from the key, so a dead letter is publishable whatever
        // partitions the .DLT topic has; the default resolver would use the source's partition, which a .DLT with
        // fewer partitions lacks.
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        deadLetters.setHeadersFunction((record, exception) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(Topics.ERROR_HEADER, reason(exception).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        ConsumerRecordRecoverer countingRecoverer = (record, exception) -> {
            log.warn("Dead-lettering record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    reason(exception));
            Counter.builder("cosell.kafka.dead.letters")
                    .description("Records sent to a dead-letter topic")
                    .tag("topic", record.topic())
                    .register(meterRegistry)
                    .increment();
            deadLetters.accept(record, exception);
        };
        ExponentialBackOff briefly = new ExponentialBackOff(200, 2.0);
        briefly.setMaxElapsedTime(5_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(countingRecoverer, briefly);
        handler.addNotRetryableExceptions(InvalidEventException.class, RejectedEventException.class,
                EventTooLargeException.class);
        handler.setBackOffFunction((record, exception) -> isOutage(exception) ? untilBack() : null);
        // What this policy does with a failed record is logged once, as one line: here when it is retried,
        // above when it is dead-lettered. The container would log each failure again as an ERROR with a stack trace.
        handler.setLogLevel(KafkaException.Level.DEBUG);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int deliveryAttempt) {
                if (!isHopeless(exception)) {
                    log.warn("Processing record {}-{}@{} failed (attempt {}), retrying: {}", record.topic(),
                            record.partition(), record.offset(), deliveryAttempt, reason(exception));
                }
            }
        });
        return handler;
    }

    /**
     * While the database is unreachable the record is fine and only time helps: keep retrying it
     * (the partition waits, nothing is dead-lettered) rather than give up after the brief back-off.
     */
    static boolean isOutage(Throwable exception) {
        return DatabaseOutage.causedBy(exception);
    }

    /** A record no retry can help: it goes to the dead-letter topic at once. */
    private static boolean isHopeless(Throwable exception) {
        for (Throwable current = exception; current != null; current = current.getCause()) {
            if (current instanceof InvalidEventException || current instanceof RejectedEventException
                    || current instanceof DeserializationException || current instanceof EventTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private static ExponentialBackOff untilBack() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        return backOff;
    }

    /** The most specific reason in a failure chain: ours when we gave one, else the root cause. */
    static String reason(Throwable exception) {
        Throwable current = exception;
        Throwable root = exception;
        while (current != null) {
            if (current instanceof InvalidEventException || current instanceof RejectedEventException
                    || current instanceof EventTooLargeException) {
                return current.getMessage();
            }
            root = current;
            current = current.getCause();
        }
        if (exception instanceof ListenerExecutionFailedException || exception instanceof DeserializationException) {
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
