package io.leadhandoff.reporting.projection;

import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.inbox.EventHandlers;
import jakarta.enterprise.context.ApplicationScoped;

/** Reporting consumes every event type into the event log and the read models. */
@ApplicationScoped
public class ProjectionEvents implements EventHandlers {

    private final Projector projector;

    public ProjectionEvents(Projector projector) {
        this.projector = projector;
    }

    @Override
    public void register(Registrations on) {
        for (EventType type : EventType.consumedBy(io.leadhandoff.common.event.Services.REPORTING)) {
            on.event(type.dataClass(), projector::apply);
        }
    }
}
