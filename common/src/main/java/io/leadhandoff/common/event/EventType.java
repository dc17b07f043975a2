package io.leadhandoff.common.event;

import static io.leadhandoff.common.event.Services.REPORTING;
import static io.leadhandoff.common.event.Services.ROUTING;
import static io.leadhandoff.common.event.Services.SCORING;
import static io.leadhandoff.common.event.Services.SLA;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The event registry: every event of the platform, its CloudEvents type, the major version of its
 * payload schema, and the services that consume it. Adding an event type means adding its record
 * and a line here, then handlers in the consuming services: the broker topology (queues and their
 * filters, see {@link io.leadhandoff.common.messaging.BrokerTopology}) and the consumers' checks
 * are derived from this list.
 */
public enum EventType {
    LEAD_LIFECYCLE_CHANGED("lead.lifecycle-changed", 1, LeadLifecycleChanged.class, ROUTING, REPORTING),
    LEAD_QUALIFIED("lead.qualified", 1, LeadQualified.class, ROUTING, REPORTING),
    LEAD_ASSIGNED("lead.assigned", 1, LeadAssigned.class, SCORING, SLA, REPORTING),
    LEAD_QUEUED("lead.queued", 1, LeadQueued.class, SLA, REPORTING),
    SLA_BREACHED("sla.breached", 1, SlaBreached.class, REPORTING),
    TEAM_CHANGED("team.changed", 1, TeamChanged.class, SCORING, SLA, REPORTING),
    LEAD_MERGED("lead.merged", 1, LeadMerged.class, ROUTING, SLA, REPORTING),
    LEAD_REASSIGNED("lead.reassigned", 1, LeadReassigned.class, SCORING, SLA, REPORTING),
    LEAD_ACCEPTED("lead.accepted", 1, LeadAccepted.class, SCORING, SLA, REPORTING),
    LEAD_REJECTED("lead.rejected", 1, LeadRejected.class, SCORING, SLA, REPORTING),
    LEAD_SALES_QUALIFIED("lead.sales-qualified", 1, LeadSalesQualified.class, SCORING, SLA, REPORTING),
    FIRST_TOUCH_LOGGED("lead.first-touch-logged", 1, FirstTouchLogged.class, SLA, REPORTING),
    LEAD_OUTCOME_RECORDED("lead.outcome-recorded", 1, LeadOutcomeRecorded.class, SCORING, SLA, REPORTING),
    SALES_TASK_CREATED("sales.task-created", 1, SalesTaskCreated.class, REPORTING),
    SLA_MET("sla.met", 1, SlaMet.class, REPORTING),
    SLA_WARNING_RAISED("sla.warning-raised", 1, SlaWarningRaised.class, REPORTING),
    SLA_ESCALATED("sla.escalated", 1, SlaEscalated.class, ROUTING, REPORTING),
    SLA_DUE_TIME_SET("sla.due-time-set", 1, SlaDueTimeSet.class, ROUTING, REPORTING),
    LEAD_PUT_ON_HOLD("lead.put-on-hold", 1, LeadPutOnHold.class, SLA, REPORTING),
    LEAD_TAKEN_OFF_HOLD("lead.taken-off-hold", 1, LeadTakenOffHold.class, SLA, REPORTING),
    REP_CHANGED("rep.changed", 1, RepChanged.class, REPORTING);

    private static final String TYPE_PREFIX = "io.leadhandoff.";

    private final String shortName;
    private final int schemaVersion;
    private final Class<? extends Record> dataClass;
    private final List<String> consumers;

    EventType(String shortName, int schemaVersion, Class<? extends Record> dataClass, String... consumers) {
        this.shortName = shortName;
        this.schemaVersion = schemaVersion;
        this.dataClass = dataClass;
        this.consumers = List.of(consumers);
    }

    /** CloudEvents {@code type}, e.g. {@code io.leadhandoff.lead.qualified}. */
    public String type() {
        return TYPE_PREFIX + shortName;
    }

    /**
     * Major version of the payload schema. Adding an optional field keeps it (readers ignore what
     * they do not know); removing or changing the meaning of a field raises it.
     */
    public int schemaVersion() {
        return schemaVersion;
    }

    public Class<? extends Record> dataClass() {
        return dataClass;
    }

    public List<String> consumers() {
        return consumers;
    }

    public boolean isConsumedBy(String service) {
        return consumers.contains(service);
    }

    public static Optional<EventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type().equals(type)).findFirst();
    }

    public static Optional<EventType> ofDataClass(Class<?> dataClass) {
        return Arrays.stream(values()).filter(t -> t.dataClass.equals(dataClass)).findFirst();
    }

    /** The types {@code service} consumes, in registry order. */
    public static List<EventType> consumedBy(String service) {
        return Arrays.stream(values()).filter(t -> t.isConsumedBy(service)).toList();
    }
}
