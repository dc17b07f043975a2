package io.leadhandoff.sla.clock;

import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadQueued;
import io.leadhandoff.common.inbox.EventHandlers;
import jakarta.enterprise.context.ApplicationScoped;

/** Assignments start first-touch clocks; a queued lead starts one for its manager to act on. */
@ApplicationScoped
public class ClockEvents implements EventHandlers {

    private final ClockService clocks;

    public ClockEvents(ClockService clocks) {
        this.clocks = clocks;
    }

    @Override
    public void register(Registrations on) {
        on.event(LeadAssigned.class, e -> clocks.startFirstTouch(e.data()))
                .event(LeadQueued.class, e -> clocks.startQueued(e.data()));
    }
}
