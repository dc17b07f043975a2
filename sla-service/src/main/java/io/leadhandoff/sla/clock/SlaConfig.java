package io.leadhandoff.sla.clock;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "sla")
public interface SlaConfig {

    FirstTouch firstTouch();

    /** How often open clocks are checked against their deadline. */
    @WithDefault("5s")
    Duration scanInterval();

    /** Clocks breached per transaction. */
    @WithDefault("500")
    int scanBatchSize();

    interface FirstTouch {
        @WithDefault("PT1H")
        Duration hot();

        @WithDefault("PT24H")
        Duration other();
    }
}
