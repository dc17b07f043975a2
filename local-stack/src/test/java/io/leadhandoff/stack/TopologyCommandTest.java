package io.leadhandoff.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.Services;
import io.leadhandoff.common.messaging.BrokerTopology;
import io.leadhandoff.common.messaging.EventStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The topology derived from the event registry, applied to a broker that does not have it yet (as
 * an external one, {@code STACK_BROKER=external}) over AMQP management: the same queues and
 * filters as the embedded broker declares, idempotent, and filters brought up to date.
 */
class TopologyCommandTest {

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theRegistryDerivesOneFilteredQueuePerConsumingService() {
        BrokerTopology topology = BrokerTopology.platform();
        for (String service : Services.ALL) {
            BrokerTopology.Queue q = topology.queue(EventStream.queueOf(service));
            assertEquals(EventStream.ADDRESS, q.address());
            for (EventType type : EventType.values()) {
                assertEquals(type.isConsumedBy(service), q.filter().contains("'" + type.type() + "'"),
                        service + " / " + type);
            }
        }
        assertTrue(topology.queues().stream().anyMatch(q -> q.name().equals(BrokerTopology.DEAD_LETTER_ADDRESS)));
    }

    @Test
    void anExternalBrokerGetsTheSameTopologyIdempotentlyWithFiltersUpToDate() throws Exception {
        BrokerTopology topology = BrokerTopology.platform();
        String sla = EventStream.queueOf(Services.SLA);
        // an external broker from an older release: SLA's queue exists with an outdated filter
        BrokerTopology older = new BrokerTopology(List.of(new BrokerTopology.Queue(EventStream.ADDRESS, sla,
                BrokerTopology.RoutingType.MULTICAST, EventStream.TYPE_PROPERTY + " = 'io.leadhandoff.lead.assigned'")),
                new BrokerTopology.DeliverySettings(3, java.time.Duration.ofSeconds(5), "DLA", "ExpiryQueue"));
        try (LocalBroker broker = LocalBroker.start(freePort(), Files.createTempDirectory("artemis-ext"), "u", "p", older)) {
            assertFalse(broker.hasQueue(EventStream.queueOf(Services.REPORTING)));
            for (int run = 0; run < 2; run++) {
                try (TopologyCommand command = new TopologyCommand("127.0.0.1", broker.amqpPort(), "u", "p")) {
                    command.apply(topology);
                }
            }
            for (BrokerTopology.Queue q : topology.queues()) {
                assertTrue(broker.hasQueue(q.name()), q.name());
                assertEquals(q.filter(), broker.filterOf(q.name()), q.name());
            }
            assertTrue(broker.addressSettingsOf(EventStream.ADDRESS).contains("maxDeliveryAttempts=10"),
                    broker.addressSettingsOf(EventStream.ADDRESS));
        }
    }
}
