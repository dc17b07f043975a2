package io.leadhandoff.scoring.lead;

import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.inbox.EventHandlers;
import jakarta.enterprise.context.ApplicationScoped;

/** Scoring learns from routing who owns a lead and which manager may read it. */
@ApplicationScoped
public class OwnershipEvents implements EventHandlers {

    private final LeadService leads;

    public OwnershipEvents(LeadService leads) {
        this.leads = leads;
    }

    @Override
    public void register(Registrations on) {
        on.event(LeadAssigned.class, e -> leads.assigned(e.data()));
    }
}
