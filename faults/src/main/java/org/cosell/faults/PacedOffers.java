package org.cosell.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.RecordMetadata;
import tools.jackson.databind.node.ObjectNode;

/**
 * An upstream system offering referrals at a steady rate on a thread of its own, so that a fault
 * can be injected while the ingest is really in the middle, whatever the services' speed. A send
 * the producer finally gives up on is sent again (same event id), as an upstream system retries.
 */
final class PacedOffers {

    private final Upstream upstream;
    private final String partnerId;
    private final List<String> referralIds;
    private final int perSecond;
    private final AtomicInteger sent = new AtomicInteger();
    private final List<ObjectNode> offers = new ArrayList<>();
    private final List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
    private final Thread sender;

    private PacedOffers(Upstream upstream, String partnerId, Set<String> referralIds, int perSecond) {
        this.upstream = upstream;
        this.partnerId = partnerId;
        this.referralIds = List.copyOf(referralIds);
        this.perSecond = perSecond;
        this.sender = new Thread(this::send, "paced-offers");
    }

    static PacedOffers start(Upstream upstream, String partnerId, Set<String> referralIds, int perSecond) {
        PacedOffers paced = new PacedOffers(upstream, partnerId, referralIds, perSecond);
        paced.sender.start();
        return paced;
    }

    private void send() {
        long started = System.nanoTime();
        for (String referralId : referralIds) {
            ObjectNode offer = upstream.offer(referralId, partnerId);
            CompletableFuture<RecordMetadata> send = upstream.sendOffer(offer);
            synchronized (this) {
                offers.add(offer);
                sends.add(send);
            }
            long due = started + TimeUnit.SECONDS.toNanos(sent.incrementAndGet()) / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        upstream.flush();
    }

    /** Offers handed to the producer so far. */
    int sent() {
        return sent.get();
    }

    /**
     * Waits until every offer was handed over and acknowledged; one that failed is sent again.
     * Answers how many were sent again.
     */
    long finish() throws InterruptedException {
        sender.join();
        long resent = 0;
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(5, TimeUnit.MINUTES);
            } catch (Exception failed) {
                upstream.sendOffer(offers.get(i));
                resent++;
            }
        }
        upstream.flush();
        return resent;
    }
}
