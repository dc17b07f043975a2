package io.leadhandoff.routing.rule;

/** Where a lead waits when it has no owner (yet), for a manager to claim or assign. */
public enum Queue {
    /** Nobody eligible now (or no rule matched): offered to the pool again as reps become available. */
    FALLBACK,
    /** Company data missing: to be enriched before anyone works it. */
    ENRICHMENT,
    /** An existing customer (scoring routed it elsewhere): for customer success. */
    CUSTOMER_SUCCESS,
    /** High-value accounts a manager looks at first. */
    TRIAGE
}
