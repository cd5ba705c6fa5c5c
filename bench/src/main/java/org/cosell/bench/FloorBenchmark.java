package org.cosell.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The floor of ingest: a minimal consumer that reads the referrals, parses each into a document and
 * writes them to the same database server (database {@code bench-floor}), committing offsets after
 * every write — what any intake must do at least, without validation, de-duplication or events.
 * Measured with bulk inserts of one poll (up to 500 records) and, for scale, one insert per record.
 */
final class FloorBenchmark {

    static final String DATABASE = "bench-floor";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private FloorBenchmark() {
    }

    enum Writes { BULK, PER_RECORD }

    /** Consumes {@code count} records of {@code topic} from its start; answers records per second. */
    static double run(MongoDatabase database, String topic, int count, Writes writes, String groupId) {
        String name = "referrals-" + writes.name().toLowerCase(Locale.ROOT);
        MongoCollection<Document> collection = database.getCollection(name);
        // left behind by a run that was stopped; the embedded server logs an error for dropping one that is not there
        if (database.listCollectionNames().into(new ArrayList<>()).contains(name)) {
            collection.drop();
        }
        try (KafkaConsumer<String, String> consumer = KafkaClients.groupMember(groupId)) {
            List<TopicPartition> partitions = KafkaClients.partitionsOf(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.forEach(consumer::position);
            long start = System.nanoTime();
            long deadline = start + TIMEOUT.toNanos();
            int stored = 0;
            while (stored < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Floor stored " + stored + " of " + count + " in " + TIMEOUT);
                }
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                List<Document> documents = new ArrayList<>(records.count());
                for (ConsumerRecord<String, String> record : records) {
                    if (stored + documents.size() < count) {
                        documents.add(Document.parse(record.value()));
                    }
                }
                if (writes == Writes.BULK) {
                    collection.insertMany(documents, new InsertManyOptions().ordered(false));
                } else {
                    documents.forEach(collection::insertOne);
                }
                consumer.commitSync();
                stored += documents.size();
            }
            return Rates.perSecond(stored, System.nanoTime() - start);
        } finally {
            collection.drop();
        }
    }
}
