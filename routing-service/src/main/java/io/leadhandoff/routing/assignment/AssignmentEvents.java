package io.leadhandoff.routing.assignment;

import io.leadhandoff.common.event.LeadQualified;
import io.leadhandoff.common.inbox.EventHandlers;
import jakarta.enterprise.context.ApplicationScoped;

/** Every MQL gets routed; the inbox makes a redelivered event a no-op. */
@ApplicationScoped
public class AssignmentEvents implements EventHandlers {

    private final AssignmentService assignments;

    public AssignmentEvents(AssignmentService assignments) {
        this.assignments = assignments;
    }

    @Override
    public void register(Registrations on) {
        on.event(LeadQualified.class, e -> assignments.assign(e.data()));
    }
}
