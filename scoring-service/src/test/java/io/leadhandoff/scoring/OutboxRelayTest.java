package io.leadhandoff.scoring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.messaging.EventStream;
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
}
