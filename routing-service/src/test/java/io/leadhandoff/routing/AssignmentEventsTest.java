package io.leadhandoff.routing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.inbox.DeadLetters;
import io.leadhandoff.routing.assignment.Assignment;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.leadhandoff.common.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import io.leadhandoff.common.json.StrictJson;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import io.leadhandoff.routing.assignment.FallbackRetry;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Over the real broker: what scoring publishes reaches routing's queue, and LeadAssigned comes out. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class AssignmentEventsTest {

    @org.junit.jupiter.api.BeforeEach
    void demoRules() {
        DemoRouting.restoreRules();
    }

    @Inject
    EventCodec codec;

    @Inject
    EntityManager em;

    @Inject
    FallbackRetry fallbackRetry;

    static BrokerProbe broker;
    static BrokerProbe.Listener assigned;
    static BrokerProbe.Listener queued;

    @BeforeAll
    static void listen() {
        broker = new BrokerProbe();
        assigned = broker.listen(EventType.LEAD_ASSIGNED);
        queued = broker.listen(EventType.LEAD_QUEUED);
    }

    @AfterAll
    static void close() {
        assigned.close();
        queued.close();
        broker.close();
    }

    /** The demo team every lead of these tests goes to (mid-market, German: the default rule). */
    static final Set<String> INBOUND_EMEA = Set.of("sam", "sue", "lea");

    void setRepsActive(boolean active) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update rep set status = :status")
                .setParameter("status", active ? "ACTIVE" : "DEPARTED").executeUpdate());
    }

    @Test
    void aLeadNobodyCanTakeIsAnnouncedAsQueuedAndAssignedOnceARepIsBack() {
        UUID lead = UUID.randomUUID();
        setRepsActive(false);
        try {
            broker.publish(EventType.LEAD_QUALIFIED, RoutingEvents.leadQualified(codec, lead, Priority.HOT));
            JsonPath q = JsonPath.from(queued.await(m -> m.contains(lead.toString()), Duration.ofSeconds(10)));
            assertEquals("FALLBACK", q.getString("data.queue"));
            assertEquals("maria", q.getString("data.manager"));
            assertTrue(q.getString("data.reason").contains("no rep there can take it"), q.getString("data.reason"));
            Instant queuedAt = q(lead).assignedAt;
            fallbackRetry.retry();
            assertEquals(Assignment.Status.QUEUED, QuarkusTransaction.requiringNew()
                    .call(() -> Assignment.<Assignment>find("leadId", lead).firstResult().status), "still nobody");
            assertEquals(queuedAt, q(lead).assignedAt, "a retry that finds nobody keeps the queue age");
        } finally {
            setRepsActive(true);
        }
        fallbackRetry.retry();
        JsonPath a = JsonPath.from(assigned.await(m -> m.contains(lead.toString()), Duration.ofSeconds(10)));
        assertEquals(q(lead).id.toString(), a.getString("data.assignmentId"), "the queued assignment got its owner");
        assertTrue(INBOUND_EMEA.contains(a.getString("data.owner")), a.getString("data.owner"));
        assertEquals(0, queued.collect(m -> m.contains(lead.toString()), Duration.ofSeconds(1)).size(),
                "queued once, not again on every retry");
    }

    @Test
    void theRosterAnnouncesWhoManagesATeam() {
        // the demo roster seeded "Inbound EMEA" at start: its manager went out as TeamChanged
        String payload = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select payload from outbox_event where type = :type and payload like '%Inbound EMEA%' order by seq desc limit 1")
                .setParameter("type", EventType.TEAM_CHANGED.type()).getSingleResult());
        JsonPath team = JsonPath.from(payload);
        assertEquals("Inbound EMEA", team.getString("data.name"));
        assertEquals("maria", team.getString("data.managerLogin"));
        assertEquals("maria@lead-handoff.example", team.getString("data.managerEmail"));
    }

    @Test
    void theWholeRosterIsAnnouncedAtStart() {
        // reporting may be newer than the roster: every rep goes out as RepChanged when routing starts
        String payload = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select payload from outbox_event where type = :type and subject = 'lea' order by seq desc limit 1")
                .setParameter("type", EventType.REP_CHANGED.type()).getSingleResult());
        JsonPath lea = JsonPath.from(payload);
        assertEquals("Inbound EMEA", lea.getString("data.team"));
        assertEquals("ACTIVE", lea.getString("data.status"));
        assertEquals(1, lea.getInt("data.weight"));
    }

    Assignment q(UUID lead) {
        return QuarkusTransaction.requiringNew().call(() -> Assignment.<Assignment>find("leadId", lead).firstResult());
    }

    @Test
    void eachMqlGoesToTheNextActiveRepAndIsAnnounced() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        broker.publish(EventType.LEAD_QUALIFIED, RoutingEvents.leadQualified(codec, first, Priority.HOT));
        broker.publish(EventType.LEAD_QUALIFIED, RoutingEvents.leadQualified(codec, second, Priority.WARM));

        JsonPath a = JsonPath.from(assigned.await(m -> m.contains(first.toString()), Duration.ofSeconds(10)));
        JsonPath b = JsonPath.from(assigned.await(m -> m.contains(second.toString()), Duration.ofSeconds(10)));
        assertEquals("io.leadhandoff.lead.assigned", a.getString("type"));
        assertEquals(first.toString(), a.getString("subject"));
        assertTrue(INBOUND_EMEA.contains(a.getString("data.owner")), a.getString("data.owner"));
        assertNotEquals(a.getString("data.owner"), b.getString("data.owner"), "round robin alternates");
        assertEquals("maria", a.getString("data.manager"));
        assertEquals("HOT", a.getString("data.priority"));
        // the SLA policy owns the windows: routing announces no due time of its own
        assertEquals(null, a.getString("data.dueAt"));
    }

    @Test
    void theDueTimeTheSlaPolicySetsIsTheAssignmentsAndItsTasks() {
        UUID lead = UUID.randomUUID();
        broker.publish(EventType.LEAD_QUALIFIED, RoutingEvents.leadQualified(codec, lead, Priority.HOT, "DE", 500,
                "acme.example", Map.of()));
        JsonPath announced = JsonPath.from(assigned.await(m -> m.contains(lead.toString()), Duration.ofSeconds(10)));
        assertEquals("MID_MARKET", announced.getString("data.segment"), "the lead's size segment, for the SLA policy's tiers");
        await().atMost(Duration.ofSeconds(10)).until(() -> q(lead) != null && q(lead).ownerLogin != null);
        Assignment a = q(lead);
        Instant due = Instant.parse("2026-12-07T09:55:00Z");
        io.leadhandoff.common.event.SlaDueTimeSet set = new io.leadhandoff.common.event.SlaDueTimeSet(lead, UUID.randomUUID(),
                a.id, "FIRST_TOUCH", a.ownerLogin, due, 3600, 1, "Berlin office", Instant.now());
        broker.publish(EventType.SLA_DUE_TIME_SET, codec.encode(io.leadhandoff.testing.TestEvents.wrap(
                EventType.SLA_DUE_TIME_SET, "sla-service", lead.toString(), set)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(Tokens.of("ada", Roles.REVOPS_ADMIN))
                .when().get("/api/v1/assignments/" + a.id).then().statusCode(200).body("dueAt", equalTo(due.toString()))
                .body("tasks[0].dueAt", equalTo(due.toString())));
        // an announcement for someone who no longer owns it (the lead moved on since) changes nothing
        io.leadhandoff.common.event.SlaDueTimeSet stale = new io.leadhandoff.common.event.SlaDueTimeSet(lead,
                set.clockId(), a.id, "FIRST_TOUCH", "someone-else", due.plusSeconds(3600), 3600, 1, null, Instant.now());
        broker.publish(EventType.SLA_DUE_TIME_SET, codec.encode(io.leadhandoff.testing.TestEvents.wrap(
                EventType.SLA_DUE_TIME_SET, "sla-service", lead.toString(), stale)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> due.equals(q(lead).dueAt));
    }

    @Test
    void theSameEventDeliveredTwiceHasOneEffect() {
        UUID lead = UUID.randomUUID();
        String envelope = RoutingEvents.leadQualified(codec, lead, Priority.HOT);
        broker.publish(EventType.LEAD_QUALIFIED, envelope);
        broker.publish(EventType.LEAD_QUALIFIED, envelope);

        assertEquals(1, assigned.collect(m -> m.contains(lead.toString()), Duration.ofSeconds(4)).size());
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Assignment.count("leadId", lead)));
    }

    @Test
    void poisonMessagesAreDeadLetteredAndTheNextMessageIsStillProcessed() {
        UUID lead = UUID.randomUUID();
        String invalid = RoutingEvents.leadQualified(codec, lead, Priority.HOT).replace("\"email\":", "\"mail\":");
        try (BrokerProbe.Listener deadLetters = broker.listenOn(DeadLetters.ADDRESS)) {
            broker.publish(EventType.LEAD_QUALIFIED, "this is not JSON " + lead);
            broker.publish(EventType.LEAD_QUALIFIED, invalid);
            UUID good = UUID.randomUUID();
            broker.publish(EventType.LEAD_QUALIFIED, RoutingEvents.leadQualified(codec, good, Priority.WARM));

            assigned.await(m -> m.contains(good.toString()), Duration.ofSeconds(10));
            deadLetters.await(m -> m.equals("this is not JSON " + lead), Duration.ofSeconds(10));
            deadLetters.await(m -> m.contains(lead.toString()) && m.contains("\"mail\""), Duration.ofSeconds(10));
        }
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Assignment.count("leadId", lead)));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertTrue(
                io.micrometer.core.instrument.Metrics.globalRegistry.find("handoff.messages.dead.lettered").counters()
                        .stream().mapToDouble(c -> c.count()).sum() >= 2));
    }

    @Test
    void formAnswersAsDeepAsTheApiAcceptsTravelInTheEventAndTheLeadIsRouted() {
        // the scoring API accepts properties nested up to StrictJson.MAX_DEPTH counted from its body;
        // inside LeadQualified they sit deeper (data.lastTouches[0].properties)
        Map<String, Object> answers = Map.of("answer", "yes");
        for (int i = 0; i < StrictJson.MAX_DEPTH - 3; i++) {
            answers = Map.of("nested", answers);
        }
        UUID lead = UUID.randomUUID();
        broker.publish(EventType.LEAD_QUALIFIED, RoutingEvents.leadQualified(codec, lead, Priority.WARM, answers));
        assigned.await(m -> m.contains(lead.toString()), Duration.ofSeconds(10));
    }

    @Test
    void anEnvelopeWhoseAttributesCannotBeStoredIsDeadLetteredAndTheQueueGoesOn() {
        UUID lead = UUID.randomUUID();
        String longSubject = RoutingEvents.leadQualified(codec, lead, Priority.HOT)
                .replace("\"subject\":\"" + lead + "\"", "\"subject\":\"" + "x".repeat(300) + "\"");
        String nulSubject = RoutingEvents.leadQualified(codec, UUID.randomUUID(), Priority.HOT)
                .replaceFirst("\"subject\":\"", "\"subject\":\"\\\\u0000");
        try (BrokerProbe.Listener deadLetters = broker.listenOn(DeadLetters.ADDRESS)) {
            broker.publish(EventType.LEAD_QUALIFIED, longSubject);
            broker.publish(EventType.LEAD_QUALIFIED, nulSubject);
            UUID good = UUID.randomUUID();
            broker.publish(EventType.LEAD_QUALIFIED, RoutingEvents.leadQualified(codec, good, Priority.WARM));

            assigned.await(m -> m.contains(good.toString()), Duration.ofSeconds(10));
            deadLetters.await(m -> m.contains("x".repeat(300)), Duration.ofSeconds(10));
            deadLetters.await(m -> m.contains("\\u0000"), Duration.ofSeconds(10));
        }
    }
}
