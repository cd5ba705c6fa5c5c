package org.cosell.deal.opportunity.application;

import org.cosell.contracts.referral.ReferralAccepted;
import org.cosell.contracts.referral.ReferralDeclined;
import org.cosell.contracts.referral.ReferralExpired;
import org.cosell.contracts.referral.ReferralReceived;
import org.cosell.deal.opportunity.domain.Opportunity;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.cosell.support.kafka.Violations.require;

/**
 * Projects referral-service's events into the opportunity view, a batch at a time. Each event is
 * applied to its opportunity (or makes it, when it is the first this view sees), and an opportunity
 * is written only when an event changed it, so redelivered events are no-ops.
 * <p>
 * A batch takes one read of every opportunity it names, one unordered bulk insert of those it makes
 * and one replace per stored opportunity it changes (rare while referrals arrive), instead of a read
 * and a write per event. The events are applied in their order to the opportunities in memory, so
 * several for one opportunity compose as they would one at a time. An opportunity someone else
 * inserted or changed since the read (its id is taken, or the replace fails the version check) gets
 * its events of the batch applied again one at a time, each to what is stored then.
 */
@Service
public class ReferralProjection {

    private final OpportunityStore store;

    public ReferralProjection(OpportunityStore store) {
        this.store = store;
    }

    /**
     * Applies referral events — {@link ReferralReceived}, {@link ReferralAccepted},
     * {@link ReferralDeclined}, {@link ReferralExpired} — in their order.
     *
     * @throws PartlyProjected when an event could not be applied or stored (a database failure, a
     *                         concurrent change again, an event that is not one of these, or one
     *                         that lacks its opportunity id or, accepted, its terms, refused as
     *                         invalid with the field named); the effects of the events before it
     *                         are stored
     */
    public void project(List<?> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Move> moves = new ArrayList<>(events.size());
        for (Object event : events) {
            try {
                moves.add(moveOf(event));
            } catch (RuntimeException unusable) {
                throw projectedBefore(events, moves.size(), unusable);
            }
        }
        Map<UUID, Opportunity> stored;
        try {
            stored = read(moves.stream().map(Move::id).collect(Collectors.toSet()));
        } catch (RuntimeException failure) {
            throw new PartlyProjected(0, failure);
        }
        Map<UUID, Projected> projected = new LinkedHashMap<>();
        for (int position = 0; position < moves.size(); position++) {
            Move move = moves.get(position);
            try {
                Projected opportunity = projected.get(move.id());
                if (opportunity == null) {
                    Opportunity existing = stored.get(move.id());
                    opportunity = existing == null ? new Projected(move.create().get(), true) : new Projected(existing, false);
                    opportunity.applied(move, position, existing == null || move.change().test(existing));
                    projected.put(move.id(), opportunity);
                } else {
                    opportunity.applied(move, position, move.change().test(opportunity.opportunity));
                }
            } catch (RuntimeException failure) {
                throw projectedBefore(events, position, failure);
            }
        }
        store(projected.values());
    }

    /**
     * Projects the events before {@code position} afresh — the opportunities in memory may be half
     * changed by the event at it — and answers the failure at {@code position} to throw.
     */
    private PartlyProjected projectedBefore(List<?> events, int position, RuntimeException failure) {
        if (position > 0) {
            project(events.subList(0, position));
        }
        return new PartlyProjected(position, failure);
    }

    private Map<UUID, Opportunity> read(Set<UUID> ids) {
        Map<UUID, Opportunity> found = new HashMap<>(ids.size() * 2);
        for (Opportunity opportunity : store.findAllById(ids)) {
            found.put(opportunity.id(), opportunity);
        }
        return found;
    }

    private void store(Collection<Projected> projected) {
        try {
            List<Projected> created = projected.stream().filter(opportunity -> opportunity.created).toList();
            Set<UUID> taken = store.insertSkippingDuplicates(created.stream().map(opportunity -> opportunity.opportunity).toList())
                    .stream().map(Opportunity::id).collect(Collectors.toSet());
            for (Projected opportunity : created) {
                if (taken.contains(opportunity.opportunity.id())) {
                    reapply(opportunity);
                }
                opportunity.stored = true;
            }
            for (Projected opportunity : projected) {
                if (opportunity.changed() && !opportunity.stored) {
                    try {
                        store.replace(opportunity.opportunity);
                    } catch (OptimisticLockingFailureException changedMeanwhile) {
                        reapply(opportunity);
                    }
                }
                opportunity.stored = true;
            }
        } catch (RuntimeException failure) {
            int firstUnstored = projected.stream()
                    .filter(opportunity -> opportunity.changed() && !opportunity.stored)
                    .mapToInt(opportunity -> opportunity.firstChange)
                    .min()
                    .orElse(0);
            throw new PartlyProjected(firstUnstored, failure);
        }
    }

    /** Someone else wrote the opportunity since the batch read it: its events again, one at a time, on what is stored. */
    private void reapply(Projected opportunity) {
        opportunity.moves.forEach(this::apply);
    }

    /**
     * One event on its own: a read, and a write if it changed something. Written meanwhile once more,
     * the opportunity fails the batch at this event, to be projected again.
     */
    private void apply(Move move) {
        Opportunity existing = store.findById(move.id()).orElse(null);
        if (existing == null) {
            if (!store.insertSkippingDuplicates(List.of(move.create().get())).isEmpty()) {
                throw new OptimisticLockingFailureException("opportunity " + move.id() + " was stored meanwhile again");
            }
        } else if (move.change().test(existing)) {
            store.replace(existing);
        }
    }

    private static Move moveOf(Object event) {
        if (event instanceof ReferralReceived referral) {
            return new Move(idOf(referral.opportunityId()), existing -> existing.onReceived(referral),
                    () -> Opportunity.received(referral));
        } else if (event instanceof ReferralAccepted referral) {
            require("deal", referral.deal());
            return new Move(idOf(referral.opportunityId()), existing -> existing.onAccepted(referral),
                    () -> Opportunity.accepted(referral));
        } else if (event instanceof ReferralDeclined referral) {
            return new Move(idOf(referral.opportunityId()), existing -> existing.onDeclined(referral),
                    () -> Opportunity.declined(referral));
        } else if (event instanceof ReferralExpired referral) {
            return new Move(idOf(referral.opportunityId()), existing -> existing.onExpired(referral),
                    () -> Opportunity.expired(referral));
        }
        throw new IllegalArgumentException("Not a referral event: " + (event == null ? null : event.getClass().getName()));
    }

    private static UUID idOf(UUID opportunityId) {
        return require("opportunityId", opportunityId);
    }

    /**
     * What one event does: changes a stored opportunity (answering whether it changed anything), or
     * makes the opportunity when there is none yet.
     */
    private record Move(UUID id, Predicate<Opportunity> change, Supplier<Opportunity> create) {
    }

    /** An opportunity as the batch's events leave it, with those events. */
    private static final class Projected {

        final Opportunity opportunity;
        final boolean created;
        final List<Move> moves = new ArrayList<>();
        /** The position of the batch's first event that changed it; -1 while none did. */
        int firstChange = -1;
        boolean stored;

        Projected(Opportunity opportunity, boolean created) {
            this.opportunity = opportunity;
            this.created = created;
        }

        void applied(Move move, int position, boolean changed) {
            moves.add(move);
            if (changed && firstChange < 0) {
                firstChange = position;
            }
        }

        boolean changed() {
            return firstChange >= 0;
        }
    }
}
