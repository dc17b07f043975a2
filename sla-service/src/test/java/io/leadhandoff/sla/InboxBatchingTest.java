package io.leadhandoff.sla;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventEnvelope;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.inbox.DeadLetters;
import io.leadhandoff.common.inbox.Inbox;
import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.Tokens;
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
 * The shared inbox under load, over the real broker and database: a burst is applied many messages
 * per transaction, still each event exactly once; poison is dead-lettered; an effect that fails is
 * parked and retried alone while the rest of its batch goes through.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class InboxBatchingTest {

    @Inject
    EventCodec codec;

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    @Inject
    Inbox inbox;

    String assigned(UUID lead, String owner) {
        Instant now = Instant.now();
        return codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED, "routing-service", lead.toString(),
                new LeadAssigned(lead, UUID.randomUUID(), owner, "maria", "Inbound EMEA", Priority.WARM, now,
                        now.plusSeconds(86400))));
    }

    long clocksOf(List<UUID> leads) {
        return QuarkusTransaction.requiringNew().call(() -> (Long) em
                .createQuery("select count(c) from SlaClock c where c.leadId in :leads and c.kind = :kind", Long.class)
                .setParameter("kind", io.leadhandoff.sla.clock.SlaClock.Kind.FIRST_TOUCH)
                .setParameter("leads", leads).getSingleResult());
    }

    @Test
    void aBurstIsAppliedInBatchesEachEventExactlyOnce() {
        List<UUID> leads = new ArrayList<>();
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            UUID lead = UUID.randomUUID();
            leads.add(lead);
            burst.add(assigned(lead, i % 2 == 0 ? "sam" : "sue"));
            if (i % 15 == 0) {
                burst.add(burst.get(burst.size() - 1)); // redelivered: same event id
            }
            if (i == 150) {
                burst.add("{\"not\": \"an event\", \"n\": " + i + "}");
            }
        }
        try (BrokerProbe broker = new BrokerProbe(); BrokerProbe.Listener deadLetters = broker.listenOn(DeadLetters.ADDRESS)) {
            broker.publishAll(EventType.LEAD_ASSIGNED, burst);

            await().atMost(Duration.ofSeconds(30)).until(() -> clocksOf(leads) >= 300);
            deadLetters.await(m -> m.equals("{\"not\": \"an event\", \"n\": 150}"), Duration.ofSeconds(10));
        }
        // duplicates inside and across batches changed nothing
        assertEquals(300L, clocksOf(leads));
        DistributionSummary batches = registry.find("handoff.inbox.batch.size").tag("queue", "sla-service.events").summary();
        assertTrue(batches.max() > 1, "a burst shares transactions, largest batch: " + batches.max());
    }

    @Test
    void aFailingEffectIsParkedAndRetriedWhileTheRestOfItsBatchIsApplied() {
        // a real database failure for one event only: the clock of this owner cannot be written
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    create or replace function test_refuse_owner() returns trigger language plpgsql as $$
                    begin raise exception 'owner % is refused by the test', new.owner_login; end $$""").executeUpdate();
            em.createNativeQuery("""
                    create trigger test_refuse_owner before insert on sla_clock for each row
                    when (new.owner_login = 'refused-rep') execute function test_refuse_owner()""").executeUpdate();
        });
        List<UUID> good = new ArrayList<>();
        List<String> burst = new ArrayList<>();
        UUID refused = UUID.randomUUID();
        for (int i = 0; i < 60; i++) {
            if (i == 30) {
                burst.add(assigned(refused, "refused-rep"));
            }
            UUID lead = UUID.randomUUID();
            good.add(lead);
            burst.add(assigned(lead, "sue"));
        }
        try (BrokerProbe broker = new BrokerProbe()) {
            broker.publishAll(EventType.LEAD_ASSIGNED, burst);
            await().atMost(Duration.ofSeconds(30)).until(() -> clocksOf(good) == 60);
            assertEquals(0L, clocksOf(List.of(refused)), "the refused event has not been applied");
            assertTrue(inbox.parked().stream().anyMatch(p -> p.subject().equals(refused.toString())
                    && p.reason().contains("refused by the test")), "parked with the reason: " + inbox.parked());
            // operators see it and may replay it (it stays parked while the cause is there)
            given().auth().oauth2(Tokens.of("ada", Roles.REVOPS_ADMIN)).when().get("/api/v1/admin/inbox/parked")
                    .then().statusCode(200).body("subject", hasItem(refused.toString()));
            given().auth().oauth2(Tokens.of("maria", Roles.SALES_MANAGER)).when().post("/api/v1/admin/inbox/replay")
                    .then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(Tokens.of("ada", Roles.REVOPS_ADMIN)).when().post("/api/v1/admin/inbox/replay")
                    .then().statusCode(200).body("parked", greaterThanOrEqualTo(1));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em
                    .createNativeQuery("drop trigger test_refuse_owner on sla_clock").executeUpdate());
        }
        // retried with backoff: once the cause is gone it is applied, and no longer parked
        await().atMost(Duration.ofSeconds(15)).until(() -> clocksOf(List.of(refused)) == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox.parked().isEmpty());
        assertTrue(registry.find("handoff.messages.consumed").tag("outcome", "failed").counter().count() >= 1);
    }
}
