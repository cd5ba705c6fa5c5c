package org.cosell.deal.opportunity.domain;

import org.cosell.contracts.common.Origin;

import java.util.EnumSet;
import java.util.Set;

/** The lists of the opportunity page (docs/api.md). */
public enum Tab {
    /** Inbound referrals still open: received or accepted. */
    INBOUND(Origin.INBOUND, EnumSet.of(Stage.RECEIVED, Stage.ACCEPTED), false),
    /** The partner's own deals that are not over. */
    OUTBOUND(Origin.OUTBOUND, EnumSet.of(Stage.RECEIVED, Stage.ACCEPTED), false),
    /** The calling user's favorites, whatever their origin and stage. */
    FAVORITES(null, EnumSet.allOf(Stage.class), true),
    /** Everything that ended, whatever its origin. */
    ARCHIVED(null, EnumSet.of(Stage.WON, Stage.LOST, Stage.DECLINED, Stage.EXPIRED), false);

    private final Origin origin;
    private final Set<Stage> stages;
    private final boolean favoritesOnly;

    Tab(Origin origin, Set<Stage> stages, boolean favoritesOnly) {
        this.origin = origin;
        this.stages = stages;
        this.favoritesOnly = favoritesOnly;
    }

    /** The origin this tab shows, or {@code null} for any. */
    public Origin origin() {
        return origin;
    }

    public Set<Stage> stages() {
        return stages;
    }

    /** Whether the tab shows only the calling user's favorites. */
    public boolean favoritesOnly() {
        return favoritesOnly;
    }
}
