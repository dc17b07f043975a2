package io.leadhandoff.common.notification;

import java.time.Instant;
import java.util.UUID;

/** A recorded notification and how its delivery went. */
public record NotificationView(UUID id, String cause, String about, NotificationChannel channel, String recipient,
        String title, String body, Status status, int attempts, String lastError, Instant createdAt,
        Instant nextAttemptAt, Instant sentAt) {

    public enum Status { PENDING, SENT, FAILED }
}
