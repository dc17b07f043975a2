package io.leadhandoff.common.notification;

import java.util.Objects;

/**
 * A notification to record: what caused it ({@code cause}, e.g. {@code lead-assigned/<assignment>}),
 * what it is about ({@code about}, a lead id, for lookups), where it goes, and what it says (the
 * body is rendered from the caller's template). Cause + recipient + channel identify it: recording
 * the same one twice notifies once.
 */
public record NotificationRequest(String cause, String about, NotificationChannel channel, String recipient,
        String title, String body) {

    public NotificationRequest {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }

    public static NotificationRequest email(String cause, String about, String to, String title, String body) {
        return new NotificationRequest(cause, about, NotificationChannel.EMAIL, to, title, body);
    }

    public static NotificationRequest webhook(String cause, String about, String url, String title, String body) {
        return new NotificationRequest(cause, about, NotificationChannel.WEBHOOK, url, title, body);
    }

    String idempotencyKey() {
        return cause + "|" + channel + "|" + recipient;
    }
}
