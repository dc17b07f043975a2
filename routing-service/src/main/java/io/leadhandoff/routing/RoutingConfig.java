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

    /**
     * A first-touch SLA breach hands the lead to the next eligible rep by the same rules (the reason
     * recorded); when nobody else can take it, it stays where it is.
     */
    @WithDefault("true")
    boolean reassignOnBreach();

    /** Due time of the sales task an assignment creates. */
    TaskDue taskDue();

    interface TaskDue {
        @WithDefault("PT1H")
        Duration hot();

        @WithDefault("PT24H")
        Duration other();
    }
}
