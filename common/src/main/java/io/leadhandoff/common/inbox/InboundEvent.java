package io.leadhandoff.common.inbox;

import io.leadhandoff.common.event.EventEnvelope;

/**
 * An event handed to a handler: the decoded envelope and the message body exactly as received (a
 * newer producer may have added fields this code does not know; an event log keeps them).
 */
public record InboundEvent<T extends Record>(EventEnvelope<T> envelope, String body) {

    public T data() {
        return envelope.data();
    }
}
