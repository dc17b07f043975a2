package io.leadhandoff.common.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "handoff.inbox")
public interface InboxConfig {

    /**
     * Most messages of one queue applied in one transaction. A batch is whatever has arrived while
     * the previous one was being applied: one message when traffic is light (no added latency),
     * up to this many under load (one commit instead of hundreds).
     */
    @WithDefault("500")
    int batchSize();
}
