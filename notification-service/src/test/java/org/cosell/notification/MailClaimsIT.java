package org.cosell.notification;

import com.mongodb.client.MongoClient;
import org.cosell.notification.delivery.Notification;
import org.cosell.notification.delivery.NotificationStatus;
import org.cosell.notification.delivery.NotificationStore;
import org.cosell.notification.mail.MailKind;
import org.cosell.support.lease.LeasedClaims.Claim;
import org.cosell.testsupport.CosellServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How senders share the mail log, on the real database server: each test has a database of its own,
 * so that neither the service's own sender nor the mails of other tests are in the way.
 */
@CosellServiceTest
class MailClaimsIT extends AbstractNotificationIT {

    private static final Instant DUE = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Autowired
    MongoClient client;

    private MongoTemplate mongo;
    private NotificationStore store;

    @BeforeEach
    void ownDatabase() {
        mongo = new MongoTemplate(client, "mail-claims-" + UUID.randomUUID());
        store = new NotificationStore(mongo);
    }

    @AfterEach
    void dropIt() {
        mongo.getDb().drop();
    }

    @Test
    void twoSendersClaimingAtOnceNeverHoldTheSameMailAndTogetherHoldThemAll() throws Exception {
        List<String> ids = recordDue(300);
        Instant now = DUE.plusSeconds(1);
        List<String> first = Collections.synchronizedList(new ArrayList<>());
        List<String> second = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);

        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> claimUntilNoneLeft(start, now, first));
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> claimUntilNoneLeft(start, now, second));
        start.countDown();
        CompletableFuture.allOf(one, other).get();

        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(all).as("every mail held once, by one of them").containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aClaimTakesTheEarliestDueFirstAndLeavesTheRestForTheNext() {
        List<String> ids = recordDue(5);
        Instant now = DUE.plusSeconds(1);

        Claim<Notification> claim = store.claimDue(now, now.plus(LEASE), 3);

        assertThat(claim.documents()).extracting(Notification::id).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(store.claimDue(now, now.plus(LEASE), 3).documents()).extracting(Notification::id)
                .containsExactlyElementsOf(ids.subList(3, 5));
    }

    @Test
    void aMailWhoseLeaseRanOutIsClaimedAgainAndItsFormerHolderCanNoLongerChangeIt() {
        String id = recordDue(1).get(0);
        Instant now = DUE.plusSeconds(1);
        Claim<Notification> former = store.claimDue(now, now.plus(LEASE), 10);
        assertThat(store.claimDue(now.plus(LEASE).minusSeconds(1), now.plus(LEASE.multipliedBy(2)), 10).documents()).isEmpty();

        Instant afterLease = now.plus(LEASE).plusSeconds(1);
        Claim<Notification> current = store.claimDue(afterLease, afterLease.plus(LEASE), 10);
        store.markFailed(id, former.claimId(), 1, afterLease, "550 from the former holder");
        store.release(List.of(id), former.claimId(), afterLease);

        assertThat(current.documents()).extracting(Notification::id).containsExactly(id);
        Notification stored = mongo.findById(id, Notification.class);
        assertThat(stored.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(stored.claimId()).isEqualTo(current.claimId());
        assertThat(stored.nextAttemptAt()).isEqualTo(afterLease.plus(LEASE));
    }

    @Test
    void releasedMailsAreDueAgainAtOnceAndASentMailIsNeverClaimedAgain() {
        List<String> ids = recordDue(2);
        Instant now = DUE.plusSeconds(1);
        Claim<Notification> claim = store.claimDue(now, now.plus(LEASE), 10);

        store.markSent(ids.get(0), 1, now);
        store.release(List.of(ids.get(1)), claim.claimId(), now);

        assertThat(store.claimDue(now, now.plus(LEASE), 10).documents()).extracting(Notification::id)
                .containsExactly(ids.get(1));
        Notification sent = mongo.findById(ids.get(0), Notification.class);
        assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.claimId()).isNull();
    }

    private void claimUntilNoneLeft(CountDownLatch start, Instant now, List<String> held) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<Notification> claimed;
        do {
            claimed = store.claimDue(now, now.plus(LEASE), 20).documents();
            claimed.forEach(mail -> held.add(mail.id()));
        } while (!claimed.isEmpty());
    }

    /** Records {@code count} PENDING mails for a new partner, falling due a millisecond apart from {@link #DUE} on. */
    private List<String> recordDue(int count) {
        String partnerId = uniquePartnerId();
        List<Notification> mails = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String eventId = UUID.randomUUID().toString();
            mails.add(new Notification(eventId + "/pat@fabrikam.example", eventId, partnerId, MailKind.REFERRAL_RECEIVED,
                    "pat@fabrikam.example", "Subject", "Text", "<p/>", NotificationStatus.PENDING, 0, DUE,
                    DUE.plusMillis(i), null, null, null, null, null));
        }
        assertThat(store.record(mails)).hasSize(count);
        return mails.stream().map(Notification::id).toList();
    }
}
