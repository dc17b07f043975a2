package io.leadhandoff.sla;

import static org.awaitility.Awaitility.await;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventEnvelope;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.TestEvents;
import io.leadhandoff.testing.InfraTestResource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How fast one service drains a burst from its queue through the inbox (decode, processed-event
 * row, effect, commit, ack), over the real broker and PostgreSQL of the tests (fsync off).
 * Prints figures; asserts nothing about speed. Run: {@code ./mvnw -Pbench -pl sla-service -am verify}.
 * {@link InboxThroughputOneByOneBench} runs the same with one message per transaction.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class InboxThroughputBench {

    static final int EVENTS = Integer.getInteger("bench.events", 10_000);

    @Inject
    EventCodec codec;

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    @Test
    void drainABurst() {
        String run = "bench-" + UUID.randomUUID();
        List<String> burst = new ArrayList<>(EVENTS);
        Instant now = Instant.now();
        for (int i = 0; i < EVENTS; i++) {
            UUID lead = UUID.randomUUID();
            burst.add(codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED, "routing-service", lead.toString(),
                    new LeadAssigned(lead, UUID.randomUUID(), "sam", run, "Inbound EMEA", Priority.WARM, now,
                            now.plusSeconds(86400)))));
        }
        DistributionSummary batches = registry.find("handoff.inbox.batch.size").tag("queue", "sla-service.events").summary();
        long batchesBefore = batches == null ? 0 : batches.count();

        try (BrokerProbe broker = new BrokerProbe()) {
            long start = System.nanoTime();
            broker.publishAll(EventType.LEAD_ASSIGNED, burst);
            double sentSeconds = (System.nanoTime() - start) / 1e9;
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> clocks(run) == EVENTS);
            double seconds = (System.nanoTime() - start) / 1e9;

            batches = registry.find("handoff.inbox.batch.size").tag("queue", "sla-service.events").summary();
            long transactions = batches.count() - batchesBefore;
            System.out.printf("%n[bench] %s: %d LeadAssigned events, batch-size %s%n", getClass().getSimpleName(), EVENTS,
                    org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("handoff.inbox.batch-size", String.class));
            System.out.printf("[bench]   broker accepted the burst in %.2f s (%.0f msg/s, pipelined durable sends)%n",
                    sentSeconds, EVENTS / sentSeconds);
            System.out.printf("[bench]   all applied %.2f s after the first send: %.0f events/s, %d transactions (%.1f events each)%n%n",
                    seconds, EVENTS / seconds, transactions, (double) EVENTS / transactions);
        }
    }

    long clocks(String run) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("select count(c) from SlaClock c where c.managerLogin = :run", Long.class)
                .setParameter("run", run).getSingleResult());
    }
}
