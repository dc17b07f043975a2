package io.leadhandoff.common.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "handoff.inbox")
public interface InboxConfig {

    /**
     * Most messages of one queue applied in one transaction. A batch is whatever has arrived while
     * the previous one was being applied: one message when traffic is light (no added latency),
     * up to this many under load (one commit instead of hundreds).
     */
    @WithDefault("500")
    int batchSize();

    /** First wait before a parked event (or an inbox that cannot reach its database) is retried; doubles each time. */
    @WithDefault("1s")
    Duration retryInitial();

    /** Longest wait between two retries. */
    @WithDefault("1m")
    Duration retryMax();

    /** Processed-event ids are kept this long to drop redeliveries, then purged (longer than any redelivery). */
    @WithDefault("P14D")
    Duration retention();
}
