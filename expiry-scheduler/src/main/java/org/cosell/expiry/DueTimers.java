package org.cosell.expiry;

import org.cosell.contracts.expiry.ExpiryKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * One replica's view of the armed timers: each one's id and due time, taken in the order claims take them in the
 * database (due time, then id, as the index {@code (state, dueAt, _id)} orders them). It lets a poll with nothing
 * due cost no query, and tells a poll with something due which timers to claim, by their ids: a server without
 * secondary indexes (mongo-java-server, in the local launcher) scans every timer for a query on anything but
 * {@code _id}, which at a million armed took most of a second per poll.
 * <p>
 * The view may hold more than is armed — a timer another replica fired, or one disarmed since — but never a timer
 * that was not armed: a claim simply finds such a timer no longer claimable, and it leaves the view then. Disarms
 * are therefore not applied; a disarmed timer is dropped at its due time, and a timer id is armed again after its
 * disarm only for a later deadline (the disarm leaves a tombstone), which the view holds as one more entry. What it may lack — armed by another replica's listener, or
 * missed while it was rebuilt — the poller's rescan finds.
 * <p>
 * A binary min-heap over parallel primitive arrays: 8 bytes of due time, 16 of target id and 1 of kind per timer,
 * 25 bytes (up to half as much again while the arrays have room to grow): about 25–38 MB for a million timers.
 */
final class DueTimers {

    /** A timer of the view: its id in the database is {@link ExpiryTimer#idOf}. */
    record DueTimer(ExpiryKind kind, UUID targetId, Instant dueAt) {

        String id() {
            return ExpiryTimer.idOf(kind, targetId);
        }
    }

    /** The kinds in the order of their names: ids start with the kind's name, and the database orders ids as text. */
    private static final ExpiryKind[] KINDS_IN_ID_ORDER = Arrays.stream(ExpiryKind.values())
            .sorted(Comparator.comparing(ExpiryKind::name)).toArray(ExpiryKind[]::new);
    private static final int INITIAL_CAPACITY = 1024;

    private long[] dueMillis = new long[INITIAL_CAPACITY];
    private long[] mostSignificant = new long[INITIAL_CAPACITY];
    private long[] leastSignificant = new long[INITIAL_CAPACITY];
    private byte[] kindRank = new byte[INITIAL_CAPACITY];
    private int size;
    /** The timers added while a rebuild reads the database, so that the rebuilt view keeps them; null when none runs. */
    private List<DueTimer> addedDuringRebuild;

    synchronized void add(ExpiryKind kind, UUID targetId, Instant dueAt) {
        if (addedDuringRebuild != null) {
            addedDuringRebuild.add(new DueTimer(kind, targetId, dueAt));
        }
        push(kind, targetId, dueAt);
    }

    synchronized int size() {
        return size;
    }

    synchronized boolean anyDueBy(Instant now) {
        return size > 0 && dueMillis[0] <= now.toEpochMilli();
    }

    /** Removes and answers up to {@code limit} timers due by {@code now}, in claim order. */
    synchronized List<DueTimer> takeDue(Instant now, int limit) {
        long nowMillis = now.toEpochMilli();
        List<DueTimer> due = new ArrayList<>();
        while (size > 0 && due.size() < limit && dueMillis[0] <= nowMillis) {
            due.add(timerAt(0));
            removeFirst();
        }
        return due;
    }

    /**
     * Starts a rebuild: the caller fills a fresh view from the database and hands it to {@link #finishRebuild}. Timers
     * added in between are kept in this view meanwhile and carried over.
     */
    synchronized DueTimers startRebuild() {
        addedDuringRebuild = new ArrayList<>();
        return new DueTimers();
    }

    /** Takes the rebuilt view's timers in place of this one's, plus those added since {@link #startRebuild}. */
    synchronized void finishRebuild(DueTimers rebuilt) {
        List<DueTimer> added = addedDuringRebuild == null ? List.of() : addedDuringRebuild;
        addedDuringRebuild = null;
        synchronized (rebuilt) {
            dueMillis = rebuilt.dueMillis;
            mostSignificant = rebuilt.mostSignificant;
            leastSignificant = rebuilt.leastSignificant;
            kindRank = rebuilt.kindRank;
            size = rebuilt.size;
        }
        added.forEach(timer -> push(timer.kind(), timer.targetId(), timer.dueAt()));
    }

    /** Keeps this view as it is: the rebuild could not read the database. */
    synchronized void abandonRebuild() {
        addedDuringRebuild = null;
    }

    private void push(ExpiryKind kind, UUID targetId, Instant dueAt) {
        if (size == dueMillis.length) {
            int capacity = size + (size >> 1);
            dueMillis = Arrays.copyOf(dueMillis, capacity);
            mostSignificant = Arrays.copyOf(mostSignificant, capacity);
            leastSignificant = Arrays.copyOf(leastSignificant, capacity);
            kindRank = Arrays.copyOf(kindRank, capacity);
        }
        dueMillis[size] = dueAt.toEpochMilli();
        mostSignificant[size] = targetId.getMostSignificantBits();
        leastSignificant[size] = targetId.getLeastSignificantBits();
        kindRank[size] = (byte) Arrays.asList(KINDS_IN_ID_ORDER).indexOf(kind);
        siftUp(size++);
    }

    private DueTimer timerAt(int index) {
        return new DueTimer(KINDS_IN_ID_ORDER[kindRank[index]],
                new UUID(mostSignificant[index], leastSignificant[index]), Instant.ofEpochMilli(dueMillis[index]));
    }

    private void removeFirst() {
        size--;
        if (size > 0) {
            move(size, 0);
            siftDown(0);
        }
    }

    private void siftUp(int index) {
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (compare(index, parent) >= 0) {
                return;
            }
            swap(index, parent);
            index = parent;
        }
    }

    private void siftDown(int index) {
        while (true) {
            int smallest = index;
            int left = 2 * index + 1;
            int right = left + 1;
            if (left < size && compare(left, smallest) < 0) {
                smallest = left;
            }
            if (right < size && compare(right, smallest) < 0) {
                smallest = right;
            }
            if (smallest == index) {
                return;
            }
            swap(index, smallest);
            index = smallest;
        }
    }

    /**
     * Claim order: due time, then the id as text. An id is the kind's name, a colon and the target's canonical UUID,
     * whose fixed-width lower-case hex digits order as the UUID's two halves compared unsigned.
     */
    private int compare(int a, int b) {
        int order = Long.compare(dueMillis[a], dueMillis[b]);
        if (order == 0) {
            order = Byte.compare(kindRank[a], kindRank[b]);
        }
        if (order == 0) {
            order = Long.compareUnsigned(mostSignificant[a], mostSignificant[b]);
        }
        if (order == 0) {
            order = Long.compareUnsigned(leastSignificant[a], leastSignificant[b]);
        }
        return order;
    }

    private void swap(int a, int b) {
        long due = dueMillis[a];
        dueMillis[a] = dueMillis[b];
        dueMillis[b] = due;
        long most = mostSignificant[a];
        mostSignificant[a] = mostSignificant[b];
        mostSignificant[b] = most;
        long least = leastSignificant[a];
        leastSignificant[a] = leastSignificant[b];
        leastSignificant[b] = least;
        byte rank = kindRank[a];
        kindRank[a] = kindRank[b];
        kindRank[b] = rank;
    }

    private void move(int from, int to) {
        dueMillis[to] = dueMillis[from];
        mostSignificant[to] = mostSignificant[from];
        leastSignificant[to] = leastSignificant[from];
        kindRank[to] = kindRank[from];
    }
}
