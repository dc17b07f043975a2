package io.leadhandoff.common.event;

/** The one lifecycle definition used everywhere (see SPEC.md). */
public enum LifecycleStage {
    LEAD, MQL, SAL, SQL, OPPORTUNITY, CUSTOMER, RECYCLED, DISQUALIFIED, ROUTED_ELSEWHERE
}
