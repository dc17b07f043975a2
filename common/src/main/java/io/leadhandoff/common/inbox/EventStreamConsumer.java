package io.leadhandoff.common.inbox;

import io.leadhandoff.common.messaging.EventStream;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The service's one queue on the event stream, handed to the inbox (which acknowledges after commit). */
@ApplicationScoped
public class EventStreamConsumer {

    private final Inbox inbox;

    public EventStreamConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming(EventStream.CHANNEL)
    @Blocking
    public CompletionStage<Void> onEvent(Message<Object> message) {
        return inbox.consume(message);
    }
}
