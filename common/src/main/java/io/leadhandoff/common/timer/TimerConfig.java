package io.leadhandoff.common.timer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "handoff.timers")
public interface TimerConfig {

    /**
     * How often each replica looks for due timers. A timer scheduled due within this interval wakes
     * the runner of its replica at once after commit; this poll is for the rest (other replicas'
     * timers, timers coming due later).
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Timers claimed and fired per transaction. */
    @WithDefault("200")
    int batchSize();

    /**
     * Runner threads per replica, each claiming its own batches: while one waits on the database,
     * another applies its effects. Timers of one batch fire in due order; batches may overlap.
     */
    @WithDefault("2")
    int workers();

    /** First wait before a timer whose effect failed is fired again; doubles each attempt. */
    @WithDefault("1s")
    Duration retryInitial();

    /** Longest wait between two attempts of a failing timer (it is never dropped). */
    @WithDefault("5m")
    Duration retryMax();

    /** Fired and cancelled timers are kept this long in timer_history, then purged. */
    @WithDefault("P14D")
    Duration historyRetention();
}
