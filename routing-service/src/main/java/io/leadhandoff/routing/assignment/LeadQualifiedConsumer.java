package io.leadhandoff.routing.assignment;

import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.LeadQualified;
import io.leadhandoff.common.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Every MQL gets routed: the inbox makes a redelivered event a no-op. */
@ApplicationScoped
public class LeadQualifiedConsumer {

    public static final String CHANNEL = "lead-qualified";

    private final Inbox inbox;
    private final AssignmentService assignments;

    public LeadQualifiedConsumer(Inbox inbox, AssignmentService assignments) {
        this.inbox = inbox;
        this.assignments = assignments;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onLeadQualified(Message<Object> message) {
        return inbox.<LeadQualified>consume(EventType.LEAD_QUALIFIED, message, event -> assignments.assign(event.data()));
    }
}
