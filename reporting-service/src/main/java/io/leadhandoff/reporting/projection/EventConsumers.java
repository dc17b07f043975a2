package io.leadhandoff.reporting.projection;

import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** One durable queue per event type; all go through the inbox into the projector. */
@ApplicationScoped
public class EventConsumers {

    private final Inbox inbox;
    private final Projector projector;

    public EventConsumers(Inbox inbox, Projector projector) {
        this.inbox = inbox;
        this.projector = projector;
    }

    @Incoming("lead-lifecycle-changed")
    @Blocking
    public void onLifecycleChanged(Object payload) {
        inbox.consume(EventType.LEAD_LIFECYCLE_CHANGED, payload, projector::apply);
    }

    @Incoming("lead-qualified")
    @Blocking
    public void onQualified(Object payload) {
        inbox.consume(EventType.LEAD_QUALIFIED, payload, projector::apply);
    }

    @Incoming("lead-assigned")
    @Blocking
    public void onAssigned(Object payload) {
        inbox.consume(EventType.LEAD_ASSIGNED, payload, projector::apply);
    }

    @Incoming("sla-breached")
    @Blocking
    public void onBreached(Object payload) {
        inbox.consume(EventType.SLA_BREACHED, payload, projector::apply);
    }
}
