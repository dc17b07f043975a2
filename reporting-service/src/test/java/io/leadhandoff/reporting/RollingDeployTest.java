package io.leadhandoff.reporting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadLifecycleChanged;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.event.SlaBreached;
import io.leadhandoff.common.inbox.Inbox;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.TestEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The second half of a rolling deploy: an older release parked a LeadAssigned v2 and the lead's
 * later events (see {@link EventStreamOrderTest}); the newer release, which reads v2, starts on the
 * same database and applies the parked chain in order, then the lead's live events after it.
 */
@QuarkusTest
@TestProfile(RollingDeployTest.NewerRelease.class)
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class RollingDeployTest {

    /** This build with LeadAssigned v2 support: the release the deploy rolls out. */
    public static class NewerRelease implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(NewerReleaseCodec.class);
        }
    }

    @Alternative
    @Singleton
    public static class NewerReleaseCodec extends EventCodec {
        public NewerReleaseCodec(ObjectMapper mapper, Validator validator) {
            super(mapper, validator);
        }

        @Override
        protected int supportedVersion(EventType type) {
            return type == EventType.LEAD_ASSIGNED ? 2 : super.supportedVersion(type);
        }
    }

    @Inject
    EventCodec codec;

    @Inject
    EntityManager em;

    @Inject
    Inbox inbox;

    List<String> applied(UUID lead) {
        return EventLogReads.applied(em, lead);
    }

    @Test
    void theNewerReleaseAppliesWhatTheOlderOneParkedInOrderThenTheLiveEvents() {
        UUID lead = UUID.randomUUID();
        String s = lead.toString();
        Instant t = Instant.now();
        JsonObject v2 = new JsonObject(codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED, "routing-service", s,
                new LeadAssigned(lead, UUID.randomUUID(), "sam", "maria", "Inbound EMEA", Priority.HOT, t,
                        t.plusSeconds(3600))))).put("schemaversion", 2);
        String breach = codec.encode(TestEvents.wrap(EventType.SLA_BREACHED, "sla-service", s, new SlaBreached(lead,
                UUID.randomUUID(), "FIRST_TOUCH", "sam", "maria", Priority.HOT, t, t.plusSeconds(3600), t.plusSeconds(3600))));
        // what the older release left in the shared database: the v2 event and the breach held behind it
        QuarkusTransaction.requiringNew().run(() -> {
            for (String body : List.of(v2.encode(), breach)) {
                JsonObject e = new JsonObject(body);
                em.createNativeQuery("""
                        insert into inbox_parked (queue, event_id, subject, type, body, reason, parked_at, next_attempt_at)
                        values (:queue, cast(:id as uuid), :subject, :type, :body, 'parked by the older release', now(),
                                now() + interval '1 hour')""")
                        .setParameter("queue", inbox.queueName()).setParameter("id", e.getString("id"))
                        .setParameter("subject", s).setParameter("type", e.getString("type")).setParameter("body", body)
                        .executeUpdate();
            }
        });
        // a live event of the same lead arrives on the new release: it waits behind the parked ones
        String later = codec.encode(TestEvents.wrap(EventType.LEAD_LIFECYCLE_CHANGED, "scoring-service", s,
                new LeadLifecycleChanged(lead, LifecycleStage.MQL, LifecycleStage.SAL, "accepted", null, null, t)));
        try (BrokerProbe broker = new BrokerProbe()) {
            broker.publish(EventType.LEAD_LIFECYCLE_CHANGED, later);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.parked().stream()
                .filter(p -> p.subject().equals(s)).count() == 3);
        // the replay a starting release runs (this test's release started before the rows were written)
        inbox.replayParked();
        await().atMost(Duration.ofSeconds(20)).until(() -> applied(lead).size() == 3);
        assertEquals(List.of(v2.getString("id"), new JsonObject(breach).getString("id"), new JsonObject(later).getString("id")),
                applied(lead), "parked chain first, in order, then the live event");
        assertTrue(inbox.parked().stream().noneMatch(p -> p.subject().equals(s)));
    }
}
