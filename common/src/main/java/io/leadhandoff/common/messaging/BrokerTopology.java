package io.leadhandoff.common.messaging;

import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.Services;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the broker must hold before any service publishes, derived from the event registry:
 * the event stream's multicast address with one filtered durable queue per consuming service, the
 * anycast dead-letter addresses, and the redelivery settings. The embedded broker, the topology
 * command for an external broker and the Kubernetes broker resources all apply this one
 * description, so no event is dropped because its queue did not exist yet.
 */
public record BrokerTopology(List<Queue> queues, DeliverySettings delivery) {

    /** Where the platform's consumers put messages that can never be processed (with the reason). */
    public static final String DEAD_LETTER_ADDRESS = "handoff.dead-letter";
    /** Where the broker moves a message it could not deliver after {@link DeliverySettings#maxAttempts()}. */
    public static final String BROKER_DLA = "DLA";
    public static final String EXPIRY = "ExpiryQueue";

    public enum RoutingType { MULTICAST, ANYCAST }

    /** A durable queue; {@code filter} is an Artemis selector or null. */
    public record Queue(String address, String name, RoutingType routingType, String filter) {
    }

    /** Broker-wide redelivery: a message settled as failed this often goes to {@link #BROKER_DLA}. */
    public record DeliverySettings(int maxAttempts, Duration redeliveryDelay, String deadLetterAddress,
            String expiryAddress) {
    }

    public static BrokerTopology platform() {
        List<Queue> queues = new ArrayList<>();
        for (String service : Services.ALL) {
            if (!EventType.consumedBy(service).isEmpty()) {
                queues.add(new Queue(EventStream.ADDRESS, EventStream.queueOf(service), RoutingType.MULTICAST,
                        EventStream.filterFor(service)));
            }
        }
        for (String anycast : List.of(DEAD_LETTER_ADDRESS, BROKER_DLA, EXPIRY)) {
            queues.add(new Queue(anycast, anycast, RoutingType.ANYCAST, null));
        }
        return new BrokerTopology(List.copyOf(queues),
                new DeliverySettings(10, Duration.ofSeconds(1), BROKER_DLA, EXPIRY));
    }

    public Queue queue(String name) {
        return queues.stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No queue " + name));
    }
}
