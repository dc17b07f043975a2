package io.leadhandoff.sla.clock;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "sla")
public interface SlaConfig {

    FirstTouch firstTouch();

    /** When (UTC) the managers' daily digest of open breaches goes out. */
    @WithDefault("07:00")
    java.time.LocalTime digestAt();

    /** The share of a clock's target at which it warns (seeds: 75%). */
    @WithDefault("0.75")
    double warningAt();

    /** How long the owner has to accept or reject an assignment (seeds: 24 hours), in the owner's business time. */
    @WithDefault("PT24H")
    Duration reviewDecision();

    interface FirstTouch {
        @WithDefault("PT1H")
        Duration hot();

        @WithDefault("PT24H")
        Duration other();
    }
}
