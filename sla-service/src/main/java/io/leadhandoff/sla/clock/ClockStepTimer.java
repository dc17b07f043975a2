package io.leadhandoff.sla.clock;

import io.leadhandoff.common.timer.DueTimer;
import io.leadhandoff.common.timer.TimerHandler;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

/**
 * A step of a clock on the shared durable timers (its warning, its breach): keyed by the clock id,
 * cancelled when the clock ends; the due timers of one kind are applied as a batch.
 */
abstract class ClockStepTimer implements TimerHandler {

    private InstantSource clock;

    /** For the container's client proxies only. */
    ClockStepTimer() {
    }

    ClockStepTimer(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public void fire(List<DueTimer> due) {
        step(due.stream().map(t -> UUID.fromString(t.key())).toList(), clock.instant());
    }

    /** Applies the step to these clocks (in the timer runner's transaction). */
    abstract void step(List<UUID> clockIds, Instant now);
}
