package io.leadhandoff.sla.clock;

import io.leadhandoff.common.timer.DueTimer;
import io.leadhandoff.common.timer.TimerHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

/** A clock's warning point, on the shared durable timers: keyed by the clock id, cancelled when the clock ends. */
@ApplicationScoped
public class WarningTimer implements TimerHandler {

    static final String KIND = "sla.warn";

    private final ClockService clocks;
    private final InstantSource clock;

    public WarningTimer(ClockService clocks, InstantSource clock) {
        this.clocks = clocks;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void fire(List<DueTimer> due) {
        clocks.warn(due.stream().map(t -> UUID.fromString(t.key())).toList(), clock.instant());
    }
}
