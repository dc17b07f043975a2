package io.leadhandoff.routing.assignment;

import io.leadhandoff.common.event.LeadLifecycleChanged;
import io.leadhandoff.common.event.LeadQualified;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.inbox.EventHandlers;
import jakarta.enterprise.context.ApplicationScoped;

/** Every MQL gets routed, and every lead scoring routes elsewhere is queued for customer success; the inbox makes a redelivered event a no-op. */
@ApplicationScoped
public class AssignmentEvents implements EventHandlers {

    private final AssignmentService assignments;

    public AssignmentEvents(AssignmentService assignments) {
        this.assignments = assignments;
    }

    @Override
    public void register(Registrations on) {
        on.event(LeadQualified.class, e -> assignments.assign(e.data()));
        on.event(io.leadhandoff.common.event.LeadMerged.class, e -> assignments.merged(e.data()));
        // the SLA policy's ladder asks for a reassignment; its windows set the tasks' due times
        on.event(io.leadhandoff.common.event.SlaEscalated.class, e -> assignments.escalated(e.data()));
        on.event(io.leadhandoff.common.event.SlaDueTimeSet.class, e -> assignments.dueTimeSet(e.data()));
        // scoring sent an existing customer (or partner) elsewhere: customer success picks it up
        on.event(LeadLifecycleChanged.class, e -> {
            if (e.data().to() == LifecycleStage.ROUTED_ELSEWHERE) {
                assignments.routedElsewhere(e.data());
            }
        });
    }
}
