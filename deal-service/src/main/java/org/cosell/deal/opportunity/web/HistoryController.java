package org.cosell.deal.opportunity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.cosell.contracts.common.Actor;
import org.cosell.deal.opportunity.application.OpportunityCommands;
import org.cosell.deal.opportunity.application.OpportunityQueries;
import org.cosell.deal.opportunity.domain.Activity;
import org.cosell.deal.opportunity.domain.ActivityKind;
import org.cosell.deal.opportunity.domain.FieldChange;
import org.cosell.deal.opportunity.domain.Note;
import org.cosell.deal.opportunity.domain.Opportunity;
import org.cosell.deal.web.ItemsResponse;
import org.cosell.support.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * An opportunity's history and its notes (docs/api.md), scoped like the opportunity: another
 * partner's answers 404. Both roles may read them and add notes.
 */
@RestController
@RequestMapping("/api/opportunities/{id}")
public class HistoryController {

    /** The longest note, in characters. */
    static final int NOTE_LENGTH = 2000;

    private final OpportunityQueries queries;
    private final OpportunityCommands commands;

    public HistoryController(OpportunityQueries queries, OpportunityCommands commands) {
        this.queries = queries;
        this.commands = commands;
    }

    /** Every entry kept, oldest first, and how many were let go to bound the history. */
    @GetMapping("/activity")
    ActivityResponse activity(Caller caller, @PathVariable UUID id) {
        Opportunity opportunity = queries.get(caller.partnerId(), id);
        return new ActivityResponse(opportunity.activity().stream().map(ActivityEntry::of).toList(),
                opportunity.activityOmitted());
    }

    /**
     * The history: its first entry and the latest after it; {@code omitted} entries between those
     * were let go (at most {@value Opportunity#MAX_ACTIVITY} are kept).
     */
    record ActivityResponse(List<ActivityEntry> items, int omitted) {
    }

    /** Every note, newest first. */
    @GetMapping("/notes")
    ItemsResponse<Note> notes(Caller caller, @PathVariable UUID id) {
        List<Note> newestFirst = new ArrayList<>(queries.get(caller.partnerId(), id).notes());
        Collections.reverse(newestFirst);
        return new ItemsResponse<>(newestFirst);
    }

    @PostMapping("/notes")
    @ResponseStatus(HttpStatus.CREATED)
    Note addNote(Caller caller, @PathVariable UUID id, @Valid @RequestBody NoteRequest request) {
        return commands.addNote(caller.partnerId(), id, caller.actor(), request.text());
    }

    record NoteRequest(@NotBlank @Size(max = NOTE_LENGTH) String text) {
    }

    /** An entry of the history; {@code actor} is {@code null} (and shown so) for the system's moves. */
    record ActivityEntry(Instant at, ActivityKind kind, Actor actor, String summary, List<FieldChange> changes) {

        static ActivityEntry of(Activity activity) {
            return new ActivityEntry(activity.at(), activity.kind(), activity.actor(), activity.summary(),
                    activity.changes());
        }
    }
}
