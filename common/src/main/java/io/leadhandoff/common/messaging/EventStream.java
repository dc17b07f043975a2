package io.leadhandoff.common.messaging;

import io.leadhandoff.common.event.EventType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one ordered stream of lead events. Every event is published to one multicast address with
 * the lead id as AMQP group id and its type as an application property; each consuming service
 * reads its own durable queue on that address, filtered to the types it handles. One queue per
 * service means one arrival order per service, across types: the events of a lead are applied in
 * the order they were published, and an event caused by another (routing's LeadAssigned after
 * scoring's LeadQualified) arrives after its cause, because the broker copied the cause into every
 * queue before any service could react to it. The group id keeps a lead on one consumer when a
 * service runs several replicas.
 */
public final class EventStream {

    /** Multicast address every event is published to. */
    public static final String ADDRESS = "handoff.events";
    /** AMQP application property carrying the CloudEvents type, which queue filters select on. */
    public static final String TYPE_PROPERTY = "event_type";
    /** The incoming channel of every consuming service (configured in common's defaults). */
    public static final String CHANNEL = "events";

    private EventStream() {
    }

    /** A service's durable queue (Artemis queue names are broker-wide, hence the suffix). */
    public static String queueOf(String service) {
        return service + ".events";
    }

    /** The queue filter (Artemis selector) letting through exactly the types {@code service} consumes. */
    public static String filterFor(String service) {
        List<EventType> types = EventType.consumedBy(service);
        if (types.isEmpty()) {
            throw new IllegalArgumentException(service + " consumes no event type");
        }
        return TYPE_PROPERTY + " IN (" + types.stream().map(t -> "'" + t.type() + "'").collect(Collectors.joining(", "))
                + ")";
    }
}
