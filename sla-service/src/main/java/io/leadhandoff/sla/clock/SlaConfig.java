package io.leadhandoff.sla.clock;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "sla")
public interface SlaConfig {

    FirstTouch firstTouch();

    interface FirstTouch {
        @WithDefault("PT1H")
        Duration hot();

        @WithDefault("PT24H")
        Duration other();
    }
}
