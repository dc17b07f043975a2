package io.leadhandoff.scoring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.messaging.EventStream;
import io.leadhandoff.common.inbox.Inbox;
import io.leadhandoff.common.outbox.OutboxRelay;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.InfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class OutboxRelayTest {

    @Inject
    EntityManager em;

    @Inject
    OutboxRelay relay;

    @Inject
    Inbox inbox;

    /**
     * A row committed to the outbox while nothing published it (the process died between commit
     * and publish) is found and published by the relay of the next process, then marked.
     */
    @Test
    void eventCommittedButNeverPublishedIsPublishedLater() {
        UUID eventId = UUID.randomUUID();
        UUID leadId = UUID.randomUUID();
        String envelope = """
                {"specversion":"1.0","id":"%s","type":"io.leadhandoff.lead.lifecycle-changed","source":"scoring-service",
                 "time":"%s","subject":"%s","datacontenttype":"application/json","schemaversion":1,
                 "data":{"leadId":"%s","from":null,"to":"LEAD","cause":"left behind by a crash","changedAt":"%s"}}
                """.formatted(eventId, Instant.now(), leadId, leadId, Instant.now());
        try (BrokerProbe broker = new BrokerProbe();
                BrokerProbe.Listener listener = broker.listen(EventType.LEAD_LIFECYCLE_CHANGED)) {
            // written directly, as a transaction of a process that then crashed would have left it
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "insert into outbox_event (id, address, type, subject, payload) values (:id, :address, :type, :subject, :payload)")
                    .setParameter("id", eventId).setParameter("address", EventStream.ADDRESS)
                    .setParameter("type", EventType.LEAD_LIFECYCLE_CHANGED.type())
                    .setParameter("subject", leadId.toString()).setParameter("payload", envelope).executeUpdate());

            JsonPath published = JsonPath.from(listener.await(m -> m.contains(eventId.toString()), Duration.ofSeconds(10)));
            assertEquals(leadId.toString(), published.getString("data.leadId"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertNotNull(QuarkusTransaction.requiringNew()
                    .call(() -> em.createNativeQuery("select published_at from outbox_event where id = :id")
                            .setParameter("id", eventId).getSingleResult())));
        }
    }

    @Test
    void publishedRowsAndProcessedIdsArePurgedAfterTheirRetention() {
        UUID oldPublished = UUID.randomUUID();
        UUID oldUnpublished = UUID.randomUUID();
        UUID oldProcessed = UUID.randomUUID();
        UUID recentProcessed = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            for (UUID id : new UUID[] { oldPublished, oldUnpublished }) {
                em.createNativeQuery("""
                        insert into outbox_event (id, address, type, subject, payload, created_at, published_at)
                        values (:id, 'handoff.events', 'io.leadhandoff.test', 'x', '{}', now() - interval '30 days',
                                case when :published then now() - interval '30 days' end)""")
                        .setParameter("id", id).setParameter("published", id.equals(oldPublished)).executeUpdate();
            }
            em.createNativeQuery("""
                    insert into processed_event (event_id, consumer, processed_at) values
                    (:old, 'scoring-service.events', now() - interval '30 days'), (:recent, 'scoring-service.events', now())""")
                    .setParameter("old", oldProcessed).setParameter("recent", recentProcessed).executeUpdate();
        });
        // retention: published outbox rows 7 days, processed-event ids 14 days (the defaults)
        relay.purgePublished();
        inbox.purgeProcessedBefore(Instant.now().minus(Duration.ofDays(14)));

        assertEquals(0L, count("select count(*) from outbox_event where id = '" + oldPublished + "'"));
        assertEquals(1L, count("select count(*) from outbox_event where id = '" + oldUnpublished + "'"),
                "an unpublished event is never purged");
        assertEquals(0L, count("select count(*) from processed_event where event_id = '" + oldProcessed + "'"));
        assertEquals(1L, count("select count(*) from processed_event where event_id = '" + recentProcessed + "'"));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from outbox_event where id = :id")
                .setParameter("id", oldUnpublished).executeUpdate());
    }

    long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
