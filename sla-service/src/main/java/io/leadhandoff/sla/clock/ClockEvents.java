package io.leadhandoff.sla.clock;

import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadQueued;
import io.leadhandoff.common.inbox.EventHandlers;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Assignments start first-touch and review-decision clocks (a queued lead one for its manager); a
 * first touch and an accept or reject decision meet them; a reassignment moves them to the new owner.
 */
@ApplicationScoped
public class ClockEvents implements EventHandlers {

    private final ClockService clocks;

    public ClockEvents(ClockService clocks) {
        this.clocks = clocks;
    }

    @Override
    public void register(Registrations on) {
        on.event(LeadAssigned.class, e -> clocks.startFirstTouch(e.data()))
                .event(LeadQueued.class, e -> clocks.startQueued(e.data()))
                .event(io.leadhandoff.common.event.LeadReassigned.class, e -> clocks.reassigned(e.data()))
                // a lead merged into another leaves its owner's desk: its clocks stop
                .event(io.leadhandoff.common.event.LeadMerged.class, e -> clocks.stopLead(e.data().mergedId(),
                        e.data().mergedAt()))
                .event(io.leadhandoff.common.event.FirstTouchLogged.class,
                        e -> clocks.met(e.data().assignmentId(), SlaClock.Kind.FIRST_TOUCH, e.data().touchedAt()))
                .event(io.leadhandoff.common.event.LeadAccepted.class,
                        e -> clocks.met(e.data().assignmentId(), SlaClock.Kind.REVIEW_DECISION, e.data().acceptedAt()))
                .event(io.leadhandoff.common.event.LeadRejected.class, e -> {
                    clocks.met(e.data().assignmentId(), SlaClock.Kind.REVIEW_DECISION, e.data().rejectedAt());
                    clocks.stopAll(e.data().assignmentId(), e.data().rejectedAt());
                });
    }
}
