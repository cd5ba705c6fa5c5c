package org.cosell.bench;

import com.mongodb.client.MongoClient;

/**
 * What every benchmark of a run shares: the run id (in every id the run makes, so runs never
 * collide), where figures and progress go, the database, the REST API and the stack's processes.
 */
record BenchContext(String runId, BenchOptions options, ResultsTable table, Progress progress, MongoClient mongo,
                    CosellApi api, StackProcess stack) {

    /** The partner every referral and deal of a benchmark belongs to. */
    static final String PARTNER_ID = "7700001";

    /** How many documents a service's collection holds: every query not by id scans them all on mongo-java-server. */
    long documents(String database, String collection) {
        return mongo.getDatabase(database).getCollection(collection).estimatedDocumentCount();
    }
}
