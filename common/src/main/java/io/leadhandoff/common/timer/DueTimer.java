package io.leadhandoff.common.timer;

import java.time.Instant;

/**
 * A timer being fired: its key, when it was due, what was scheduled with it, and how many earlier
 * attempts failed.
 */
public record DueTimer(String kind, String key, Instant dueAt, String payload, int attempts) {
}
