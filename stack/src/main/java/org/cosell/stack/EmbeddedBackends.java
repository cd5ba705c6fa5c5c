package org.cosell.stack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's two backends with shortcuts the server lacks, so that the local stack's
 * queries cost what they would with indexes on MongoDB proper, for the cases Cosell relies on. What
 * a query answers is unchanged, ties and the order of equals included (but see below), and so are the H2 files.
 * <ul>
 * <li>A filter on {@code _id} and more (an optimistic-lock replace's {@code {_id, version}}, a timer
 * marked fired for the deadline it was published for, {@code {_id, dueAt}}), also inside a top-level
 * {@code $and}, is answered from the documents with that {@code _id}, which the primary index finds;
 * the server uses that index only for a filter on {@code _id} alone and otherwise scans the
 * collection, for every write of an aggregate ({@link IdLookup}). Unsorted, the documents of an
 * {@code _id $in} list and more come in the index's order rather than the collection's: an order
 * MongoDB leaves open, and no caller relies on. The documents of an {@code _id $in} list of plain
 * ids come straight from the index, where the server matches each it found against the whole list
 * again (500 × 500 comparisons for an outbox round).</li>
 * <li>A sorted find with a limit keeps only the first {@code skip + limit} matches in order
 * ({@link FirstMatches}) before the server sorts, skips and projects what is left, where the server
 * itself sorts every match: a list's first page, a partner's opportunities by last change, 20 of
 * 10,000, was a sort of all 10,000 with a comparator that looks each sort key up by its dotted path on
 * every comparison; this does about one comparison per match.</li>
 * <li>A collection's {@code dataSize} is kept up to date by counting each document's BSON size
 * ({@link BsonSize}) where the server encodes the document to measure it — once for every insert
 * and twice for every update. The same numbers, in its statistics and in the H2 files.</li>
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
                            protected boolean tracksDataSize() {
                                return false;
                            }

                            @Override
                            protected Integer addDocumentInternal(Document document) {
                                updateDataSize(BsonSize.of(document));
                                return super.addDocumentInternal(document);
                            }

                            @Override
                            protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
                                updateDataSize(BsonSize.of(newDocument) - BsonSize.of(oldDocument));
                                super.handleUpdate(position, oldDocument, newDocument);
                            }

                            @Override
                            protected void removeDocument(Integer position) {
                                updateDataSize(-BsonSize.of(getDocument(position)));
                                super.removeDocument(position);
                            }

                            @Override
                            protected QueryResult queryDocuments(Document query, Document orderBy, int skip,
                                    int limit, int batchSize, Document fields) {
                                IdLookup lookup = IdLookup.of(query);
                                if (lookup == null) {
                                    return super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
                                }
                                return matchDocumentsFromStream(lookup.candidates(byId -> super.queryDocuments(byId, null, 0, 0, 0, null),
                                        byId -> IdLookup.indexed(getIndexes(), byId, this::getDocument)),
                                        lookup.rest(), orderBy, skip, limit, batchSize, fields);
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
                            protected boolean tracksDataSize() {
                                return false;
                            }

                            @Override
                            protected Object addDocumentInternal(Document document) {
                                updateDataSize(BsonSize.of(document));
                                return super.addDocumentInternal(document);
                            }

                            @Override
                            protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
                                updateDataSize(BsonSize.of(newDocument) - BsonSize.of(oldDocument));
                                super.handleUpdate(position, oldDocument, newDocument);
                            }

                            @Override
                            protected void removeDocument(Object position) {
                                updateDataSize(-BsonSize.of(getDocument(position)));
                                super.removeDocument(position);
                            }

                            @Override
                            protected QueryResult queryDocuments(Document query, Document orderBy, int skip,
                                    int limit, int batchSize, Document fields) {
                                IdLookup lookup = IdLookup.of(query);
                                if (lookup == null) {
                                    return super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
                                }
                                return matchDocumentsFromStream(lookup.candidates(byId -> super.queryDocuments(byId, null, 0, 0, 0, null),
                                        byId -> IdLookup.indexed(getIndexes(), byId, this::getDocument)),
                                        lookup.rest(), orderBy, skip, limit, batchSize, fields);
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
     * A filter on {@code _id} and more conditions, at the top or in a top-level {@code $and} (which is
     * how the Java driver writes {@code Filters.and}), split into its {@code _id} condition and the
     * rest: every document the filter matches meets its {@code _id} condition (a filter's conditions
     * are all required), so the documents the server finds for that condition alone — from its primary
     * index — are the only ones to match the rest against. The server itself uses the index only for a
     * filter on {@code _id} alone and otherwise scans the collection.
     */
    record IdLookup(Object idCondition, Document rest) {

        private static final String AND = "$and";
        private static final String IN = "$in";

        /**
         * {@code null} for a filter without {@code _id}, or on {@code _id} alone other than a list of plain
         * ids, which the server serves from its index as well as this would.
         */
        static IdLookup of(Document query) {
            if (query == null) {
                return null;
            }
            if (query.containsKey(ID)) {
                Document rest = without(query, ID);
                return rest.isEmpty() && !isListOfPlainIds(query.get(ID)) ? null : new IdLookup(query.get(ID), rest);
            }
            if (query.size() == 1 && query.get(AND) instanceof List<?> conditions) {
                for (int index = 0; index < conditions.size(); index++) {
                    if (conditions.get(index) instanceof Document condition && condition.containsKey(ID)) {
                        List<Object> others = new ArrayList<>(conditions);
                        others.remove(index);
                        Document restOfCondition = without(condition, ID);
                        if (!restOfCondition.isEmpty()) {
                            others.add(restOfCondition);
                        }
                        return new IdLookup(condition.get(ID), others.isEmpty() ? new Document() : new Document(AND, others));
                    }
                }
            }
            return null;
        }

        /**
         * The documents that meet the {@code _id} condition, in the order the server gives them: an
         * {@code $in} list of plain ids straight from the primary index ({@code indexed}), which holds
         * exactly those, where the server would match each against the whole list again; any other
         * condition as the server answers it.
         */
        Stream<Document> candidates(Function<Document, Iterable<Document>> serverQuery,
                Function<Document, Stream<Document>> indexed) {
            Document byId = new Document(ID, idCondition);
            Stream<Document> fromIndex = isListOfPlainIds(idCondition) ? indexed.apply(byId) : null;
            return fromIndex != null ? fromIndex : StreamSupport.stream(serverQuery.apply(byId).spliterator(), false);
        }

        /**
         * The documents of the positions the first index that serves {@code byId} finds — the look-up
         * the server itself makes for it, in its order — or {@code null} when no index serves it.
         */
        static <P> Stream<Document> indexed(List<Index<P>> indexes, Document byId, Function<P, Document> documentAt) {
            for (Index<P> index : indexes) {
                if (index.canHandle(byId)) {
                    return StreamSupport.stream(index.getPositions(byId).spliterator(), false).map(documentAt);
                }
            }
            return null;
        }

        /**
         * {@code {$in: [...]}} of strings, UUIDs, object ids or whole numbers: ids the index finds by
         * equality just as a match does (a regular expression or a document in the list would not).
         */
        private static boolean isListOfPlainIds(Object condition) {
            return condition instanceof Document document && document.size() == 1
                    && document.get(IN) instanceof Collection<?> ids && !ids.isEmpty()
                    && ids.stream().allMatch(id -> id instanceof String || id instanceof UUID || id instanceof ObjectId
                            || id instanceof Integer || id instanceof Long);
        }

        private static Document without(Document document, String key) {
            Document rest = new Document(document);
            rest.remove(key);
            return rest;
        }
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
