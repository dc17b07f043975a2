package io.leadhandoff.reporting.projection;

import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

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
    public CompletionStage<Void> onLifecycleChanged(Message<Object> message) {
        return inbox.consume(EventType.LEAD_LIFECYCLE_CHANGED, message, projector::apply);
    }

    @Incoming("lead-qualified")
    @Blocking
    public CompletionStage<Void> onQualified(Message<Object> message) {
        return inbox.consume(EventType.LEAD_QUALIFIED, message, projector::apply);
    }

    @Incoming("lead-assigned")
    @Blocking
    public CompletionStage<Void> onAssigned(Message<Object> message) {
        return inbox.consume(EventType.LEAD_ASSIGNED, message, projector::apply);
    }

    @Incoming("sla-breached")
    @Blocking
    public CompletionStage<Void> onBreached(Message<Object> message) {
        return inbox.consume(EventType.SLA_BREACHED, message, projector::apply);
    }
}
