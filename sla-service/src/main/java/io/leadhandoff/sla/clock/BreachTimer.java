package io.leadhandoff.sla.clock;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

/** A clock's deadline: the clock breaches once if still open. */
@ApplicationScoped
public class BreachTimer extends ClockStepTimer {

    static final String KIND = "sla.breach";

    private final ClockService clocks;

    public BreachTimer(ClockService clocks, InstantSource clock) {
        super(clock);
        this.clocks = clocks;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    void step(List<UUID> clockIds, Instant now) {
        clocks.breach(clockIds, now);
    }
}
