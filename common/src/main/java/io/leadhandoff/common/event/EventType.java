package io.leadhandoff.common.event;

import static io.leadhandoff.common.event.Services.REPORTING;
import static io.leadhandoff.common.event.Services.ROUTING;
import static io.leadhandoff.common.event.Services.SLA;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every event of the platform: its CloudEvents type, its AMQP multicast address, the schema
 * version of its payload, and which services keep a durable queue on that address.
 */
public enum EventType {
    LEAD_LIFECYCLE_CHANGED("lead.lifecycle-changed", 1, LeadLifecycleChanged.class, REPORTING),
    LEAD_QUALIFIED("lead.qualified", 1, LeadQualified.class, ROUTING, REPORTING),
    LEAD_ASSIGNED("lead.assigned", 1, LeadAssigned.class, SLA, REPORTING),
    SLA_BREACHED("sla.breached", 1, SlaBreached.class, REPORTING);

    private static final String TYPE_PREFIX = "io.leadhandoff.";

    private final String address;
    private final int schemaVersion;
    private final Class<? extends Record> dataClass;
    private final List<String> consumers;

    EventType(String address, int schemaVersion, Class<? extends Record> dataClass, String... consumers) {
        this.address = address;
        this.schemaVersion = schemaVersion;
        this.dataClass = dataClass;
        this.consumers = List.of(consumers);
    }

    /** CloudEvents {@code type}, e.g. {@code io.leadhandoff.lead.qualified}. */
    public String type() {
        return TYPE_PREFIX + address;
    }

    /** The multicast address every publisher sends this event to. */
    public String address() {
        return address;
    }

    /** The durable queue of one consuming service; Artemis queue names are broker-wide, hence the address in it. */
    public String queueName(String service) {
        return service + "." + address;
    }

    /** Artemis fully qualified queue name of one consuming service: {@code address::queue}. */
    public String queueOf(String service) {
        return address + "::" + queueName(service);
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public Class<? extends Record> dataClass() {
        return dataClass;
    }

    public List<String> consumers() {
        return consumers;
    }

    public static Optional<EventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type().equals(type)).findFirst();
    }

    public static Optional<EventType> ofDataClass(Class<?> dataClass) {
        return Arrays.stream(values()).filter(t -> t.dataClass.equals(dataClass)).findFirst();
    }
}
