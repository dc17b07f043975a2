package io.leadhandoff.scoring.lead;

import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadReassigned;
import io.leadhandoff.common.inbox.EventHandlers;
import jakarta.enterprise.context.ApplicationScoped;

/** Scoring learns from routing who owns a lead and which manager may read it, and of every change of hands. */
@ApplicationScoped
public class OwnershipEvents implements EventHandlers {

    private final LeadService leads;

    public OwnershipEvents(LeadService leads) {
        this.leads = leads;
    }

    @Override
    public void register(Registrations on) {
        on.event(LeadAssigned.class, e -> leads.assigned(e.data().leadId(), e.data().owner(), e.data().manager(),
                e.data().team()));
        on.event(LeadReassigned.class, e -> leads.assigned(e.data().leadId(), e.data().owner(), e.data().manager(),
                e.data().team()));
    }
}
