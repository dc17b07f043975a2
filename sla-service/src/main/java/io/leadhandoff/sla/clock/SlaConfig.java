package io.leadhandoff.sla.clock;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sla")
public interface SlaConfig {

    /** When (UTC) the managers' daily digest of open breaches goes out. */
    @WithDefault("07:00")
    java.time.LocalTime digestAt();
}
