package io.leadhandoff.reporting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.TeamChanged;
import io.leadhandoff.common.roster.TeamRoster;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadLifecycleChanged;
import io.leadhandoff.common.event.LeadQualified;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.event.SlaBreached;
import io.leadhandoff.common.inbox.DeadLetters;
import io.leadhandoff.common.inbox.Inbox;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.TestEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The one ordered stream, over the real broker: reporting consumes every type on one queue, so the
 * events of a lead are applied in the order they were published whatever their types; an event
 * whose effect fails, or that is newer than this code, holds back its own lead only.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class EventStreamOrderTest {

    @Inject
    EventCodec codec;

    @Inject
    EntityManager em;

    @Inject
    TeamRoster roster;

    @Inject
    Inbox inbox;

    /** The four events of one lead's handoff, in the order their publishers sent them. */
    List<String> handoff(UUID lead) {
        Instant t = Instant.now();
        String s = lead.toString();
        return List.of(
                codec.encode(TestEvents.wrap(EventType.LEAD_LIFECYCLE_CHANGED, "scoring-service", s,
                        new LeadLifecycleChanged(lead, null, LifecycleStage.LEAD, "created", "webinar", "q4", t))),
                codec.encode(TestEvents.wrap(EventType.LEAD_QUALIFIED, "scoring-service", s,
                        new LeadQualified(lead, "x@acme.example", null, null, null, null, null, null, "webinar", "q4",
                                Priority.HOT, 30, 25, 55, "Fast track", 1, List.of(), List.of(), t))),
                codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED, "routing-service", s,
                        new LeadAssigned(lead, UUID.randomUUID(), "sam", "maria", "Inbound EMEA", Priority.HOT, t,
                                t.plusSeconds(3600)))),
                codec.encode(TestEvents.wrap(EventType.SLA_BREACHED, "sla-service", s,
                        new SlaBreached(lead, UUID.randomUUID(), "FIRST_TOUCH", "sam", "maria", Priority.HOT, t,
                                t.plusSeconds(3600), t.plusSeconds(3600)))));
    }

    List<String> applied(UUID lead) {
        return EventLogReads.applied(em, lead);
    }

    static List<String> ids(List<String> envelopes) {
        return envelopes.stream().map(e -> new JsonObject(e).getString("id")).toList();
    }

    /** Round robin over the leads' event lists: types and leads interleave on the wire. */
    static List<String> interleave(List<List<String>> perLead) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < perLead.get(0).size(); i++) {
            for (List<String> events : perLead) {
                all.add(events.get(i));
            }
        }
        return all;
    }

    @Test
    void theEventsOfEachLeadAreAppliedInPublishOrderAcrossTypes() {
        List<UUID> leads = new ArrayList<>();
        List<List<String>> perLead = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID lead = UUID.randomUUID();
            leads.add(lead);
            List<String> events = new ArrayList<>(handoff(lead));
            if (i % 2 == 1) {
                // half the leads see the breach before the assignment, as published
                events.add(2, events.remove(3));
            }
            perLead.add(events);
        }
        try (BrokerProbe broker = new BrokerProbe()) {
            broker.publishAll(interleave(perLead));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> leads.stream().allMatch(l -> applied(l).size() == 4));
        for (int i = 0; i < leads.size(); i++) {
            assertEquals(ids(perLead.get(i)), applied(leads.get(i)), "lead " + i + " applied in publish order");
        }
    }

    @Test
    void twoHandlersOfOneTypeInOneServiceBothApplyEachEventOnce() {
        // reporting logs every event, and common's TeamRoster learns the team's manager from the same
        // TeamChanged: the inbox records the event once per queue, so neither handler sees a duplicate
        UUID teamId = UUID.randomUUID();
        String team = "Team " + teamId;
        String changed = codec.encode(TestEvents.wrap(EventType.TEAM_CHANGED, "routing-service", teamId.toString(),
                new TeamChanged(teamId, team, "nina", "nina@team.example", Instant.now())));
        try (BrokerProbe broker = new BrokerProbe()) {
            broker.publishAll(List.of(changed, changed));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> applied(teamId).size() == 1
                && QuarkusTransaction.requiringNew().call(() -> roster.manages("nina", team)));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> applied(teamId).size() == 1);
        assertEquals(List.of(team), QuarkusTransaction.requiringNew().call(() -> roster.teamsManagedBy("nina"))
                .stream().filter(team::equals).toList());
    }

    @Test
    void aFailingEffectHoldsBackTheLaterEventsOfItsLeadAndNoOtherLead() {
        UUID stuck = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<String> stuckEvents = handoff(stuck);
        List<String> otherEvents = handoff(other);
        String refusedId = ids(stuckEvents).get(1);
        // a real database failure for one event only: its log row cannot be written
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    create or replace function test_refuse_event() returns trigger language plpgsql as $$
                    begin raise exception 'event % is refused by the test', new.event_id; end $$""").executeUpdate();
            em.createNativeQuery("create trigger test_refuse_event before insert on event_log for each row when (new.event_id = '"
                    + refusedId + "') execute function test_refuse_event()").executeUpdate();
        });
        try (BrokerProbe broker = new BrokerProbe()) {
            broker.publishAll(interleave(List.of(stuckEvents, otherEvents)));
            await().atMost(Duration.ofSeconds(20)).until(() -> applied(other).size() == 4);
            await().atMost(Duration.ofSeconds(10)).until(() -> inbox.parked().stream()
                    .filter(p -> p.subject().equals(stuck.toString())).count() == 3);
            assertEquals(ids(stuckEvents).subList(0, 1), applied(stuck), "nothing after the failing event was applied");
            assertEquals(ids(otherEvents), applied(other), "the other lead went on, in order");
            assertTrue(inbox.parked().stream().anyMatch(p -> p.eventId().toString().equals(refusedId)
                    && p.reason().contains("refused by the test")), inbox.parked().toString());
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em
                    .createNativeQuery("drop trigger test_refuse_event on event_log").executeUpdate());
        }
        // the cause is gone: the held events follow, in order
        await().atMost(Duration.ofSeconds(15)).until(() -> applied(stuck).size() == 4);
        assertEquals(ids(stuckEvents), applied(stuck));
        assertTrue(inbox.parked().stream().noneMatch(p -> p.subject().equals(stuck.toString())));
    }

    @Test
    void aNewerSchemaVersionIsParkedWithItsLeadNeverDeadLettered() {
        UUID lead = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<String> events = new ArrayList<>(handoff(lead));
        // a newer release of routing publishes LeadAssigned v2 (with a field this code does not know)
        JsonObject v2 = new JsonObject(events.get(2)).put("schemaversion", 2);
        v2.getJsonObject("data").put("territory", "DACH");
        events.set(2, v2.encode());
        try (BrokerProbe broker = new BrokerProbe(); BrokerProbe.Listener deadLetters = broker.listenOn(DeadLetters.ADDRESS)) {
            broker.publishAll(interleave(List.of(events, handoff(other))));
            await().atMost(Duration.ofSeconds(20)).until(() -> applied(other).size() == 4);
            await().atMost(Duration.ofSeconds(10)).until(() -> inbox.parked().stream()
                    .filter(p -> p.subject().equals(lead.toString())).count() == 2);
            assertEquals(ids(events).subList(0, 2), applied(lead));
            assertTrue(inbox.parked().stream().anyMatch(p -> p.eventId().toString().equals(ids(events).get(2))
                    && p.reason().contains("schema version 2")), inbox.parked().toString());
            assertEquals(0, deadLetters.collect(m -> m.contains(lead.toString()), Duration.ofSeconds(2)).size(),
                    "a newer event is not poison");
        }
    }

    @Test
    void aFieldAddedWithinTheSameVersionIsIgnoredAndKeptInTheLog() {
        UUID lead = UUID.randomUUID();
        JsonObject event = new JsonObject(handoff(lead).get(2));
        event.getJsonObject("data").put("territory", "DACH");
        try (BrokerProbe broker = new BrokerProbe()) {
            broker.publish(EventType.LEAD_ASSIGNED, event.encode());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> applied(lead).size() == 1);
        String body = QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("select body from event_log where subject = :s").setParameter("s", lead.toString())
                .getSingleResult());
        assertEquals(event.encode(), body, "stored exactly as received");
    }
}
