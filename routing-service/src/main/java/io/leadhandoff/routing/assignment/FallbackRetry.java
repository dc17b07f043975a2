package io.leadhandoff.routing.assignment;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Offers leads in the fallback queue to the team again, so a lead that found nobody is not forgotten. */
@ApplicationScoped
public class FallbackRetry {

    static final int BATCH = 200;

    private final AssignmentService assignments;

    public FallbackRetry(AssignmentService assignments) {
        this.assignments = assignments;
    }

    @Scheduled(every = "${routing.fallback-retry-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void retry() {
        while (assignments.retryQueued(BATCH) == BATCH) {
            // a full batch assigned: more may be waiting
        }
    }
}
