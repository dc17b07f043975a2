package io.leadhandoff.sla.clock;

import io.leadhandoff.common.timer.DueTimer;
import io.leadhandoff.common.timer.TimerHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.List;

/** A later step of a breached clock's escalation ladder came due. */
@ApplicationScoped
public class EscalationTimer implements TimerHandler {

    private final ClockService clocks;
    private final InstantSource clock;

    public EscalationTimer(ClockService clocks, InstantSource clock) {
        this.clocks = clocks;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return Escalations.KIND;
    }

    @Override
    public void fire(List<DueTimer> due) {
        clocks.escalate(due.stream().map(DueTimer::key).toList(), clock.instant());
    }
}
