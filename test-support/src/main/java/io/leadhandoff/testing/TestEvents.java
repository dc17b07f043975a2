package io.leadhandoff.testing;

import io.leadhandoff.common.event.EventEnvelope;
import io.leadhandoff.common.event.EventType;
import java.time.Instant;

/** Envelopes as another service would publish them, dated now. */
public final class TestEvents {

    private TestEvents() {
    }

    public static <T extends Record> EventEnvelope<T> wrap(EventType type, String source, String subject, T data) {
        return EventEnvelope.wrap(type, source, subject, data, Instant.now());
    }
}
