package io.leadhandoff.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * CloudEvents 1.0 structured-mode envelope (JSON) around every event payload.
 * {@code schemaversion} is a CloudEvents extension attribute: the version of {@code data}'s schema.
 */
public record EventEnvelope<T>(
        String specversion,
        UUID id,
        String type,
        String source,
        Instant time,
        String subject,
        String datacontenttype,
        int schemaversion,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public static <T extends Record> EventEnvelope<T> wrap(EventType type, String source, String subject, T data) {
        return new EventEnvelope<>(SPEC_VERSION, UUID.randomUUID(), type.type(), source, Instant.now(), subject,
                "application/json", type.schemaVersion(), data);
    }
}
