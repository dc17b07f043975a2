package io.leadhandoff.common.inbox;

import io.leadhandoff.common.event.EventEnvelope;
import java.time.Instant;
import java.util.UUID;

/**
 * An event handed to a handler: the decoded envelope and the message body exactly as received (a
 * newer producer may have added fields this code does not know; an event log keeps them).
 */
public record InboundEvent<T extends Record>(EventEnvelope<T> envelope, String body) {

    public T data() {
        return envelope.data();
    }

    public UUID id() {
        return envelope.id();
    }

    public Instant time() {
        return envelope.time();
    }
}
