package io.leadhandoff.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "handoff.outbox")
public interface OutboxConfig {

    /** Rows published per transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay waits for the broker to settle a batch before retrying it later. */
    @WithDefault("10s")
    Duration sendTimeout();

    /** Published rows are kept this long (for audit), then deleted. */
    @WithDefault("P7D")
    Duration retention();
}
