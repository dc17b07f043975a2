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

    /** A new event of {@code type} about {@code subject} (a lead id), happening at {@code time}. */
    public static <T extends Record> EventEnvelope<T> wrap(EventType type, String source, String subject, T data,
            Instant time) {
        return new EventEnvelope<>(SPEC_VERSION, UUID.randomUUID(), type.type(), source, time, subject,
                "application/json", type.schemaVersion(), data);
    }

    /** A new event whose type is looked up in the registry by its payload class. */
    public static <T extends Record> EventEnvelope<T> of(String source, String subject, T data, Instant time) {
        EventType type = EventType.ofDataClass(data.getClass())
                .orElseThrow(() -> new IllegalArgumentException(data.getClass() + " is not an event of EventType"));
        return wrap(type, source, subject, data, time);
    }
}
