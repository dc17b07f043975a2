package io.leadhandoff.common.timer;

import java.time.Instant;
import java.util.Objects;

/** A timer to schedule: the task {@code kind}, its {@code key} (unique within the kind), when, and an optional payload. */
public record TimerRequest(String kind, String key, Instant dueAt, String payload) {

    public TimerRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    public static TimerRequest of(String kind, String key, Instant dueAt) {
        return new TimerRequest(kind, key, dueAt, null);
    }
}
