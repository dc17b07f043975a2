package io.leadhandoff.sla.clock;

import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

@ApplicationScoped
public class LeadAssignedConsumer {

    public static final String CHANNEL = "lead-assigned";

    private final Inbox inbox;
    private final ClockService clocks;

    public LeadAssignedConsumer(Inbox inbox, ClockService clocks) {
        this.inbox = inbox;
        this.clocks = clocks;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onLeadAssigned(Message<Object> message) {
        return inbox.<LeadAssigned>consume(EventType.LEAD_ASSIGNED, message, event -> clocks.startFirstTouch(event.data()));
    }
}
