package org.cosell.support.outbox;

import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.cosell.contracts.CloudEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.pullByFilter;

/**
 * Publishes the events that aggregates saved together with their state, then removes them from
 * the document once Kafka acknowledged them. A crash in between sends them again with the same id
 * (consumers de-duplicate); nothing is lost. Woken right after a save, and polling as a safety net.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, Object> kafka;
    private final OutboxProperties properties;
    private final Clock clock;
    private final OutboxTracing tracing;
    private final Counter published;
    private final Timer lag;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, Object> kafka, OutboxProperties properties,
                       Clock clock, OutboxTracing tracing, MeterRegistry meterRegistry) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.tracing = tracing;
        this.published = Counter.builder("cosell.outbox.published")
                .description("Events relayed from the outbox to Kafka")
                .register(meterRegistry);
        this.lag = Timer.builder("cosell.outbox.lag")
                .description("Time from recording an event with its state change to Kafka's acknowledgement")
                .publishPercentiles(0.5, 0.99)
                .register(meterRegistry);
    }

    /** Relay soon: something was just saved with pending events. */
    public void wakeUp() {
        wakeUps.release();
    }

    @EventListener
    void onSave(AfterSaveEvent<?> event) {
        if (properties.collections().contains(event.getCollectionName())) {
            wakeUp();
        }
    }

    /** One pass over every outbox collection; answers how many events were published. */
    public int relayOnce() {
        int count = 0;
        for (String collectionName : properties.collections()) {
            count += relay(mongo.getCollection(collectionName));
        }
        return count;
    }

    private int relay(MongoCollection<Document> collection) {
        List<Document> documents = collection.find(exists(OutboxEvent.FIELD + ".0"))
                .projection(include(OutboxEvent.FIELD))
                .limit(properties.batchSize())
                .into(new ArrayList<>());
        if (documents.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<?>> acknowledgements = new ArrayList<>();
        for (Document document : documents) {
            for (Document event : document.getList(OutboxEvent.FIELD, Document.class)) {
                acknowledgements.add(tracing.publishWithin(event.getString("traceparent"), () -> kafka.send(toRecord(event))));
            }
        }
        kafka.flush();
        CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new))
                .orTimeout(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        int count = 0;
        for (Document document : documents) {
            List<Document> events = document.getList(OutboxEvent.FIELD, Document.class);
            List<String> sentIds = events.stream().map(event -> event.getString("eventId")).toList();
            Bson sent = in("eventId", sentIds);
            collection.updateOne(eq("_id", document.get("_id")), pullByFilter(new Document(OutboxEvent.FIELD, sent)));
            events.forEach(event -> lag.record(Duration.between(recordedAt(event), clock.instant())));
            count += events.size();
        }
        published.increment(count);
        return count;
    }

    private static ProducerRecord<String, Object> toRecord(Document event) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(event.getString("topic"), event.getString("key"),
                event.getString("json").getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static java.time.Instant recordedAt(Document event) {
        Object value = event.get("recordedAt");
        return value instanceof Date date ? date.toInstant() : java.time.Instant.EPOCH;
    }

    private void loop() {
        while (running) {
            try {
                if (relayOnce() == 0) {
                    wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Outbox relay failed, retrying: {}", e.toString());
                sleepQuietly(properties.pollInterval());
            }
        }
    }

    private void sleepQuietly(Duration duration) {
        try {
            wakeUps.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(SEND_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
