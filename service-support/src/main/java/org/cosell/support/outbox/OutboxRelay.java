package org.cosell.support.outbox;

import org.cosell.support.tracing.TraceContinuation;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.bson.conversions.Bson;
import org.cosell.support.BackgroundLoop;
import org.cosell.support.SearchPacing;
import org.cosell.support.UnorderedInserts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.cosell.contracts.CloudEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.pullByFilter;

/**
 * Publishes the events that aggregates saved together with their state, then removes them from
 * the document once Kafka acknowledged them. A crash in between sends them again with the same id
 * (consumers de-duplicate); nothing is lost. Woken right after a save, and searching as a safety net.
 * <p>
 * A round relays up to {@code batchSize} documents: one query, every event sent without waiting
 * and flushed once, and the sent events removed from all documents in one unordered bulk write.
 * The {@link AggregateStore} names the documents it wrote with pending events
 * ({@link #saved(String, Collection)}), and the round looks up just those by id — a look-up, not
 * the events the writer holds, so that a document a search relayed meanwhile is not published
 * twice; the safety-net poll and the first round after a start search the whole collection.
 * Collections grow and pending events are few: a search per save would cost what the collection
 * holds, a look-up what was saved. Writes without pending events wake nothing.
 * <p>
 * An event Kafka refuses for good (larger than it takes, say) is set aside rather than sent again
 * and again: kept in {@value #QUARANTINE} with the reason, logged once as a WARN, counted
 * ({@code cosell_outbox_quarantined_total}), and removed from its aggregate; the other events of
 * the round are published and removed as usual. An event that failed otherwise stays pending and
 * is tried again in a later round, without sending its neighbours again.
 * <p>
 * Every service may run as several replicas, whose relays see the same documents: a relay claims
 * the documents of a round ({@link RelayClaims}) before it reads their events and gives them up
 * once they are published and removed, so two relays never publish the same event while both
 * are alive. A document another relay holds is left to it; once that relay's lease would have run
 * out, a search makes sure nothing it held was left behind by a relay that died.
 * <p>
 * Before its first round the relay gives every outbox collection a partial index of the documents
 * with pending events, so that the search reads only those (a server without secondary indexes,
 * like the embedded one, reads the whole collection, which is why searches are rare, and spaced by
 * their own cost: {@link SearchPacing}).
 */
public class OutboxRelay implements SmartLifecycle {

    /** Where events Kafka refused for good are kept, with the reason, for an operator to list. */
    public static final String QUARANTINE = "outbox_quarantine";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** Documents with a pending event; every event has an id (cheaper to match than the first array element). */
    private static final Bson PENDING = exists(OutboxEvent.FIELD + ".eventId");
    private static final Index PENDING_INDEX = new Index().on(OutboxEvent.FIELD + ".eventId", Sort.Direction.ASC)
            .partial(PartialIndexFilter.of(Criteria.where(OutboxEvent.FIELD + ".eventId").exists(true)))
            .named("pending_events");

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, Object> kafka;
    private final List<String> collections;
    private final OutboxProperties properties;
    private final Clock clock;
    private final TraceContinuation tracing;
    private final MeterRegistry meterRegistry;
    private final Counter published;
    private final Timer lag;
    private final Counter tookOver;
    private final SearchPacing searchPacing;
    private final BackgroundLoop loop;
    private final AtomicBoolean searchDue = new AtomicBoolean(true);
    private final RelayClaims claims;
    private volatile Instant searchAgainAt;
    private volatile boolean indexed;
    private final Map<String, Set<Object>> named = new ConcurrentHashMap<>();

    /** @param collections the collections whose documents carry {@value OutboxEvent#FIELD} */
    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, Object> kafka, Collection<String> collections,
                       OutboxProperties properties, Clock clock, TraceContinuation tracing, MeterRegistry meterRegistry) {
        this.mongo = mongo;
        this.collections = List.copyOf(new LinkedHashSet<>(collections));
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.tracing = tracing;
        this.meterRegistry = meterRegistry;
        this.published = Counter.builder("cosell.outbox.published")
                .description("Events relayed from the outbox to Kafka")
                .register(meterRegistry);
        this.lag = Timer.builder("cosell.outbox.lag")
                .description("Time from recording an event with its state change to Kafka's acknowledgement")
                .register(meterRegistry);
        this.tookOver = Counter.builder("cosell.outbox.claims.taken.over")
                .description("Aggregate documents relayed after the relay that held them let its lease run out")
                .register(meterRegistry);
        this.searchPacing = new SearchPacing(properties.pollInterval());
        this.loop = new BackgroundLoop("outbox-relay", searchPacing::idleWait, SEND_TIMEOUT, this::relayRoundWithMore,
                () -> searchDue.set(true));
        this.collections.forEach(collection -> named.put(collection, ConcurrentHashMap.newKeySet()));
        this.claims = new RelayClaims(mongo, properties.lease(), clock);
    }

    /**
     * Relay soon: these documents of {@code collection} were just written with pending events (or
     * may have been, by a write that failed). They are looked up by id; one that holds no pending
     * events by then is skipped.
     */
    public void saved(String collection, Collection<?> ids) {
        Set<Object> known = named.get(collection);
        if (known == null) {
            searchDue.set(true);
        } else {
            known.addAll(ids);
        }
        loop.wakeUp();
    }

    /** One pass over every outbox collection, searching each; answers how many events were published. */
    public int relayOnce() {
        searchDue.set(true);
        return relayRound();
    }

    /** A round; answers whether more may be waiting: it published something, or more was saved meanwhile. */
    private boolean relayRoundWithMore() {
        try {
            return relayRound() > 0 || !nothingNamed();
        } catch (RuntimeException failed) {
            searchDue.set(true);
            throw failed;
        }
    }

    /** The documents named since the last round, then — if due — one search; answers how many events were published. */
    private int relayRound() {
        if (!indexed) {
            collections.forEach(collection -> mongo.indexOps(collection).createIndex(PENDING_INDEX));
            indexed = true;
        }
        boolean search = searchDue.getAndSet(false) | searchAgainDue();
        int count = 0;
        long searchNanos = 0;
        for (String collectionName : collections) {
            MongoCollection<Document> collection = mongo.getCollection(collectionName);
            count += relayNamed(collection, named.get(collectionName));
            if (search) {
                List<Object> pending = new ArrayList<>();
                long searchStarted = System.nanoTime();
                collection.find(PENDING).projection(include("_id")).limit(properties.batchSize())
                        .forEach(document -> pending.add(document.get("_id")));
                searchNanos += System.nanoTime() - searchStarted;
                Batch batch = relay(collection, pending);
                if (batch.documents() == properties.batchSize()) {
                    searchDue.set(true);
                }
                count += batch.events();
            }
        }
        if (search) {
            searchPacing.searched(Duration.ofNanos(searchNanos));
        }
        return count;
    }

    private int relayNamed(MongoCollection<Document> collection, Set<Object> ids) {
        int count = 0;
        while (!ids.isEmpty()) {
            List<Object> chunk = new ArrayList<>(properties.batchSize());
            Iterator<Object> named = ids.iterator();
            while (named.hasNext() && chunk.size() < properties.batchSize()) {
                chunk.add(named.next());
                named.remove();
            }
            count += relay(collection, chunk).events();
        }
        return count;
    }

    /** What a round relayed: documents found, events published. */
    private record Batch(int documents, int events) {
    }

    /**
     * Claims the documents {@code ids} names, relays the events of those it won that still have
     * pending events (a document a search or another relay relayed meanwhile has none), and gives
     * them up again.
     */
    private Batch relay(MongoCollection<Document> collection, List<Object> ids) {
        if (ids.isEmpty()) {
            return new Batch(0, 0);
        }
        String collectionName = collection.getNamespace().getCollectionName();
        RelayClaims.Claim claim = claims.claim(collectionName, ids);
        if (claim.held() > 0) {
            searchAgainAt = clock.instant().plus(claims.lease());
        }
        tookOver.increment(claim.takenOver());
        try {
            List<Document> documents = new ArrayList<>();
            if (!claim.documentIds().isEmpty()) {
                for (Document document : collection.find(in("_id", claim.documentIds())).projection(include(OutboxEvent.FIELD))) {
                    List<Document> events = document.getList(OutboxEvent.FIELD, Document.class);
                    if (events != null && !events.isEmpty()) {
                        documents.add(document);
                    }
                }
            }
            return new Batch(ids.size(), publishAndRemove(collection, documents));
        } finally {
            release(collectionName, claim);
        }
    }

    /** A claim left behind lapses with its lease; a search after that relays what it held. */
    private void release(String collectionName, RelayClaims.Claim claim) {
        try {
            claims.release(collectionName, claim);
        } catch (RuntimeException failed) {
            searchAgainAt = clock.instant().plus(claims.lease());
            log.warn("Outbox claims on {} documents of {} not given up, they lapse in {}: {}", claim.documentIds().size(),
                    collectionName, claims.lease(), failed.toString());
        }
    }

    /** Whether a lease this relay found held by another relay has run out since, so that a search is due. */
    private boolean searchAgainDue() {
        Instant at = searchAgainAt;
        if (at == null || clock.instant().isBefore(at)) {
            return false;
        }
        searchAgainAt = null;
        return true;
    }

    /**
     * Publishes the pending events of {@code documents} and removes from the documents those Kafka
     * acknowledged, and those it refused for good after setting them aside; answers how many were
     * published. Events that failed otherwise stay pending, and the round fails once the rest are
     * removed, so that the loop tries them again later — their neighbours are not sent again.
     */
    private int publishAndRemove(MongoCollection<Document> collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return 0;
        }
        List<Sending> sendings = new ArrayList<>();
        for (Document document : documents) {
            for (Document event : document.getList(OutboxEvent.FIELD, Document.class)) {
                CompletableFuture<?> acknowledgement;
                try {
                    acknowledgement = tracing.within(event.getString("traceparent"), "outbox relay",
                            () -> kafka.send(toRecord(event)));
                } catch (RuntimeException refused) {
                    acknowledgement = CompletableFuture.failedFuture(refused);
                }
                sendings.add(new Sending(document.get("_id"), event, acknowledgement));
            }
        }
        kafka.flush();
        long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        Map<Object, List<String>> removable = new LinkedHashMap<>();
        List<Document> sent = new ArrayList<>();
        List<Document> refused = new ArrayList<>();
        Throwable retryLater = null;
        for (Sending sending : sendings) {
            Throwable failure = outcomeOf(sending.acknowledgement(), deadline);
            if (failure == null) {
                sent.add(sending.event());
            } else if (isRefusedForGood(failure)) {
                refused.add(quarantineEntry(collection, sending, failure));
            } else {
                retryLater = retryLater == null ? failure : retryLater;
                continue;
            }
            removable.computeIfAbsent(sending.documentId(), id -> new ArrayList<>()).add(sending.event().getString("eventId"));
        }
        setAside(collection, refused);
        if (!removable.isEmpty()) {
            List<WriteModel<Document>> removals = new ArrayList<>(removable.size());
            removable.forEach((documentId, eventIds) -> removals.add(new UpdateOneModel<>(eq("_id", documentId),
                    pullByFilter(new Document(OutboxEvent.FIELD, in("eventId", eventIds))))));
            collection.bulkWrite(removals, new BulkWriteOptions().ordered(false));
        }
        Instant acknowledged = clock.instant();
        sent.forEach(event -> lag.record(Duration.between(recordedAt(event), acknowledged)));
        published.increment(sent.size());
        if (retryLater != null) {
            int left = sendings.size() - sent.size() - refused.size();
            throw new IllegalStateException(left + " events of " + collection.getNamespace().getCollectionName()
                    + " not acknowledged, to be sent again: " + retryLater, retryLater);
        }
        return sent.size();
    }

    /** One event sent in a round, with the document it came from. */
    private record Sending(Object documentId, Document event, CompletableFuture<?> acknowledgement) {
    }

    /** {@code null} when Kafka acknowledged the send by the deadline, else why not. */
    private static Throwable outcomeOf(CompletableFuture<?> acknowledgement, long deadline) {
        try {
            acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException failed) {
            return failed.getCause() == null ? failed : failed.getCause();
        } catch (TimeoutException late) {
            return late;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return interrupted;
        }
    }

    /**
     * Whether Kafka will never take the record as it is — too large, not serializable, invalid — so
     * that sending it again would only hold up the outbox. Everything else (timeouts, an unavailable
     * leader, authorization) is the system's, not the event's, and is retried.
     */
    static boolean isRefusedForGood(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof RecordTooLargeException || current instanceof RecordBatchTooLargeException
                    || current instanceof SerializationException || current instanceof InvalidRecordException
                    || current instanceof InvalidTopicException) {
                return true;
            }
        }
        return false;
    }

    private Document quarantineEntry(MongoCollection<Document> collection, Sending sending, Throwable failure) {
        Document event = sending.event();
        String json = event.getString("json");
        return new Document("_id", event.getString("eventId"))
                .append("collection", collection.getNamespace().getCollectionName())
                .append("aggregateId", sending.documentId())
                .append("topic", event.getString("topic"))
                .append("key", event.getString("key"))
                .append("type", event.getString("type"))
                .append("bytes", json == null ? 0 : json.getBytes(StandardCharsets.UTF_8).length)
                .append("reason", rootCause(failure))
                .append("quarantinedAt", Date.from(clock.instant()))
                .append("recordedAt", event.get("recordedAt"))
                .append("traceparent", event.getString("traceparent"))
                .append("json", json);
    }

    /**
     * Keeps events Kafka refused for good in {@value #QUARANTINE}, one document per event id (a
     * relay that stopped before removing them from their aggregate finds them again, and the second
     * copy is skipped), before they are removed from their aggregate.
     */
    private void setAside(MongoCollection<Document> collection, List<Document> refused) {
        if (refused.isEmpty()) {
            return;
        }
        UnorderedInserts.insertIgnoringTakenIds(mongo, QUARANTINE, refused);
        for (Document entry : refused) {
            log.warn("Outbox event {} ({} of {} {}, {} bytes) refused by Kafka for good, set aside in {}: {}",
                    entry.getString("_id"), entry.getString("type"), entry.getString("collection"), entry.get("aggregateId"),
                    entry.get("bytes"), QUARANTINE, entry.getString("reason"));
            Counter.builder("cosell.outbox.quarantined")
                    .description("Outbox events Kafka refused for good, set aside instead of published")
                    .tag("topic", entry.getString("topic"))
                    .register(meterRegistry)
                    .increment();
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static ProducerRecord<String, Object> toRecord(Document event) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(event.getString("topic"), event.getString("key"),
                event.getString("json").getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static Instant recordedAt(Document event) {
        Object value = event.get("recordedAt");
        return value instanceof Date date ? date.toInstant() : Instant.EPOCH;
    }

    private boolean nothingNamed() {
        return named.values().stream().allMatch(Set::isEmpty);
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
