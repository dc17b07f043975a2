package io.leadhandoff.common.event;

/**
 * A lead's size segment, as routing derives it from the company's size and announces it on
 * {@link LeadAssigned} and {@link LeadQueued}; SLA policies pick their tiers by it. The thresholds
 * are routing's; the names are the contract.
 */
public enum Segment {
    SMB, MID_MARKET, ENTERPRISE
}
