package io.leadhandoff.common.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "handoff.notifications")
public interface NotificationConfig {

    /** Delivery attempts before a notification is marked FAILED (it stays readable with its last error). */
    @WithDefault("8")
    int maxAttempts();

    /** Wait before the second attempt; doubles after each failure. */
    @WithDefault("30s")
    Duration retryInitial();

    /** Longest wait between two attempts. */
    @WithDefault("30m")
    Duration retryMax();

    /** Connect and read timeout of a webhook call. */
    @WithDefault("5s")
    Duration webhookTimeout();
}
