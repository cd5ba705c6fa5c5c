package org.cosell.stack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Comparator;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's two backends with two shortcuts the server lacks, so that the local stack's
 * queries cost what they would with indexes on MongoDB proper, for the cases Cosell relies on. What
 * a query answers is unchanged, ties and the order of equals included, and so are the H2 files.
 * <ul>
 * <li>A filter on {@code _id} and more (an optimistic-lock replace's {@code {_id, version}}, a timer
 * marked fired for the deadline it was published for, {@code {_id, dueAt}}) is answered from the
 * documents with that {@code _id}, which the primary index finds; the server uses that index only
 * for a filter on {@code _id} alone and otherwise scans the collection, for every write of an
 * aggregate.</li>
 * <li>A sorted find with a limit keeps only the first {@code skip + limit} matches in order
 * ({@link FirstMatches}) before the server sorts, skips and projects what is left, where the server
 * itself sorts every match: a list's first page, a partner's opportunities by last change, 20 of
 * 10,000, was a sort of all 10,000 with a comparator that looks each sort key up by its dotted path on
 * every comparison; this does about one comparison per match.</li>
 * </ul>
 */
final class EmbeddedBackends {

    /**
     * The names the H2 backend gives a collection's documents and metadata in its MVStore; a file
     * written by the plain backend must open with this one, and the reverse.
     */
    static final String H2_DOCUMENTS_PREFIX = "databases.";
    static final String H2_METADATA_PREFIX = "meta.";

    private static final String ID = "_id";

    private EmbeddedBackends() {
    }

    static MongoBackend inMemory() {
        return new MemoryBackend() {
            @Override
            public MemoryDatabase openOrCreateDatabase(String databaseName) {
                return new MemoryDatabase(databaseName, getCursorRegistry()) {
                    @Override
                    protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                        return new MemoryCollection(this, collectionName, options, cursorRegistry) {
                            @Override
                            protected QueryResult queryDocuments(Document query, Document orderBy, int skip,
                                    int limit, int batchSize, Document fields) {
                                Document idAlone = idAlone(query);
                                if (idAlone == null) {
                                    return super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
                                }
                                return matchDocumentsFromStream(
                                        StreamSupport.stream(super.queryDocuments(idAlone, null, 0, 0, 0, null).spliterator(), false),
                                        query, orderBy, skip, limit, batchSize, fields);
                            }

                            @Override
                            protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documents,
                                    int skip, int limit, int batchSize, Comparator<Document> order, Document fields) {
                                return super.matchDocumentsFromStream(query,
                                        firstMatches(documents, query, skip, limit, order, this::documentMatchesQuery),
                                        skip, limit, batchSize, order, fields);
                            }
                        };
                    }
                };
            }
        };
    }

    static MongoBackend onDisk(String fileName) {
        return new H2Backend(fileName) {
            @Override
            protected MongoDatabase openOrCreateDatabase(String databaseName) {
                MVStore store = getMvStore();
                return new H2Database(databaseName, store, getCursorRegistry()) {
                    @Override
                    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                        String fullName = getFullCollectionNamespace(collectionName);
                        MVMap<Object, Document> documentsMap = store.openMap(H2_DOCUMENTS_PREFIX + fullName);
                        MVMap<String, Object> metadataMap = store.openMap(H2_METADATA_PREFIX + fullName);
                        return new H2Collection(this, collectionName, options, documentsMap, metadataMap, cursorRegistry) {
                            @Override
                            protected QueryResult queryDocuments(Document query, Document orderBy, int skip,
                                    int limit, int batchSize, Document fields) {
                                Document idAlone = idAlone(query);
                                if (idAlone == null) {
                                    return super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
                                }
                                return matchDocumentsFromStream(
                                        StreamSupport.stream(super.queryDocuments(idAlone, null, 0, 0, 0, null).spliterator(), false),
                                        query, orderBy, skip, limit, batchSize, fields);
                            }

                            @Override
                            protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documents,
                                    int skip, int limit, int batchSize, Comparator<Document> order, Document fields) {
                                return super.matchDocumentsFromStream(query,
                                        firstMatches(documents, query, skip, limit, order, this::documentMatchesQuery),
                                        skip, limit, batchSize, order, fields);
                            }
                        };
                    }
                };
            }
        };
    }

    /**
     * The filter's {@code _id} condition alone, when the filter has more: every document it matches has
     * that {@code _id} (a filter's top-level fields are all required), so those are the only ones to
     * look at. {@code null} for a filter on {@code _id} alone, which the server serves from the index
     * itself, or without {@code _id}.
     */
    private static Document idAlone(Document query) {
        return query != null && query.size() > 1 && query.containsKey(ID) ? new Document(ID, query.get(ID)) : null;
    }

    /**
     * For a sorted query with a limit, its first {@code skip + limit} matches in order; the server
     * then matches, sorts, skips and limits those few as it would have all of them. Anything else
     * passes through as it is.
     */
    private static Stream<Document> firstMatches(Stream<Document> documents, Document query, int skip, int limit,
                                                 Comparator<Document> order, BiPredicate<Document, Document> matches) {
        if (order == null || limit <= 0) {
            return documents;
        }
        return FirstMatches.of(documents.filter(document -> matches.test(document, query)),
                (int) Math.min((long) Math.max(skip, 0) + limit, Integer.MAX_VALUE), order).stream();
    }
}
