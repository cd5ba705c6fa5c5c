package org.cosell.deal.opportunity.web;

import org.cosell.deal.opportunity.application.Favorites;
import org.cosell.support.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** The calling user's favorite marks on the partner's opportunities, in any stage. */
@RestController
@RequestMapping("/api/opportunities/{id}/favorite")
public class FavoriteController {

    private final Favorites favorites;

    public FavoriteController(Favorites favorites) {
        this.favorites = favorites;
    }

    /** Marking twice is the same as once. */
    @PutMapping
    ResponseEntity<Void> mark(Caller caller, @PathVariable UUID id) {
        favorites.mark(caller.partnerId(), caller.userId(), id);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping
    ResponseEntity<Void> unmark(Caller caller, @PathVariable UUID id) {
        favorites.unmark(caller.partnerId(), caller.userId(), id);
        return ResponseEntity.noContent().build();
    }
}
