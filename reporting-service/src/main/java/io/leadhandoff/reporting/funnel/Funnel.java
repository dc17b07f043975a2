package io.leadhandoff.reporting.funnel;

import java.time.Instant;

/**
 * The funnel over [from, to). {@code leads}: leads created in the window. {@code mql}: leads that
 * became MQL in the window (the cohort). {@code assigned} and {@code breached}: of that cohort, how
 * many got an owner, and how many breached a first-touch SLA. {@code mqlToAssignedRate}:
 * assigned / mql, null without MQLs.
 */
public record Funnel(Instant from, Instant to, long leads, long mql, long assigned, long breached, Double mqlToAssignedRate) {
}
