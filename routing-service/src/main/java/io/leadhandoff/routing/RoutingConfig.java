package io.leadhandoff.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "routing")
public interface RoutingConfig {

    /** Seed the demo roster at startup (idempotent). */
    @WithDefault("false")
    boolean demoRoster();

    /** How often leads waiting in the fallback queue are offered to the team again. */
    @WithDefault("1m")
    Duration fallbackRetryInterval();
}
