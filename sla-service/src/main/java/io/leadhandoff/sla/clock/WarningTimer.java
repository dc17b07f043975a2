package io.leadhandoff.sla.clock;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

/** A clock's warning point: the clock warns once if still open. */
@ApplicationScoped
public class WarningTimer extends ClockStepTimer {

    static final String KIND = "sla.warn";

    private final ClockService clocks;

    public WarningTimer(ClockService clocks, InstantSource clock) {
        super(clock);
        this.clocks = clocks;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    void step(List<UUID> clockIds, Instant now) {
        clocks.warn(clockIds, now);
    }
}
