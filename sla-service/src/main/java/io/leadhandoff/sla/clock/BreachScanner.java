package io.leadhandoff.sla.clock;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;

/** Fires overdue clocks; each batch is its own transaction. */
@ApplicationScoped
public class BreachScanner {

    private final ClockService clocks;
    private final SlaConfig config;
    private final InstantSource clock;

    public BreachScanner(ClockService clocks, SlaConfig config, InstantSource clock) {
        this.clocks = clocks;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${sla.scan-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scan() {
        while (clocks.breachOverdue(clock.instant()) == config.scanBatchSize()) {
            // a full batch: more may be overdue
        }
    }
}
