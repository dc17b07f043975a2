package io.leadhandoff.sla;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.FirstTouchLogged;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadPutOnHold;
import io.leadhandoff.common.event.LeadReassigned;
import io.leadhandoff.common.event.LeadSalesQualified;
import io.leadhandoff.common.event.LeadTakenOffHold;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.security.Roles;
import io.leadhandoff.common.timer.Timers;
import io.leadhandoff.stack.LocalMail;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.TestClock;
import io.leadhandoff.testing.TestEvents;
import io.leadhandoff.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SLA policies as versioned data, and clocks that follow them over the real broker: tiers by
 * priority and segment, wall time, pause and resume on hold, the escalation ladder step by step,
 * and a breached lead's fresh clock for its new owner.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class SlaPolicyTest {

    static final String ADMIN = Tokens.of("ada", Roles.REVOPS_ADMIN);
    static final String MANAGER = Tokens.of("maria", Roles.SALES_MANAGER);
    static final String REP = Tokens.of("sam", Roles.SALES_REP);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestClock clock;

    @Inject
    EventCodec codec;

    @Inject
    Timers timers;

    static BrokerProbe broker;

    @BeforeAll
    static void open() {
        broker = new BrokerProbe();
    }

    @AfterAll
    static void close() {
        broker.close();
    }

    @AfterEach
    void restore() {
        clock.reset();
        // the demo policy is active again for the other tests
        int status = given().auth().oauth2(ADMIN).when().post("/api/v1/policies/1/activate").then().extract().statusCode();
        assertTrue(status == 200 || status == 409, "version 1 active again: " + status);
    }

    <T extends Record> void publish(EventType type, UUID lead, T data) {
        broker.publish(type, codec.encode(TestEvents.wrap(type, "routing-service", lead.toString(), data)));
    }

    static JsonPath clocks(UUID lead) {
        return given().auth().oauth2(ADMIN).queryParam("leadId", lead.toString()).when().get("/api/v1/clocks").then()
                .statusCode(200).extract().jsonPath();
    }

    static void awaitClocks(UUID lead, String condition) {
        await().atMost(Duration.ofSeconds(15)).until(() -> clocks(lead).getBoolean(condition));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> demoDefinition() {
        return given().auth().oauth2(ADMIN).when().get("/api/v1/policies/1").then().statusCode(200).extract().jsonPath()
                .getMap("definition");
    }

    static int newDraft() {
        return given().auth().oauth2(ADMIN).queryParam("copyOf", 1).when().post("/api/v1/policies").then().statusCode(201)
                .body("status", equalTo("DRAFT")).extract().path("version");
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theDemoPolicyFollowsTheSeedsAndManagersReadItButOnlyRevOpsWrites() {
        JsonPath active = given().auth().oauth2(MANAGER).when().get("/api/v1/policies").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(1, active.getInt("find { it.status == 'ACTIVE' }.version"));
        JsonPath demo = given().auth().oauth2(MANAGER).when().get("/api/v1/policies/1").then().statusCode(200).extract()
                .jsonPath();
        assertEquals("PT1H", demo.getString("definition.tiers.find { it.priorities == ['HOT'] }.clocks"
                + ".find { it.kind == 'FIRST_TOUCH' }.target"));
        assertEquals("PT24H", demo.getString("definition.tiers.find { it.priorities == ['HIGH'] }.clocks"
                + ".find { it.kind == 'FIRST_TOUCH' }.target"));
        assertEquals("PT48H", demo.getString("definition.tiers.find { it.priorities == ['WARM'] }.clocks"
                + ".find { it.kind == 'FIRST_TOUCH' }.target"));
        assertEquals("PT24H", demo.getString("definition.tiers[0].clocks.find { it.kind == 'REVIEW_DECISION' }.target"));
        assertEquals(List.of("LeadAssigned"), demo.getList("definition.tiers[0].clocks.find { it.kind == 'REVIEW_DECISION' }"
                + ".startOn"));

        given().auth().oauth2(REP).when().get("/api/v1/policies").then().statusCode(403);
        given().auth().oauth2(MANAGER).when().post("/api/v1/policies").then().statusCode(403);
        given().auth().oauth2(MANAGER).when().post("/api/v1/policies/1/activate").then().statusCode(403);
    }

    @Test
    void aDraftIsCheckedFieldByFieldAndActiveVersionsNeverChange() {
        int draft = newDraft();
        Map<String, Object> definition = demoDefinition();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(json(definition)).when().put("/api/v1/policies/1")
                .then().statusCode(409).body("detail", containsString("copyOf=1"));

        @SuppressWarnings("unchecked")
        Map<String, Object> clock = ((List<Map<String, Object>>) ((List<Map<String, Object>>) definition.get("tiers"))
                .get(0).get("clocks")).get(0);
        clock.put("target", "PT0S");
        clock.put("warningAt", 1.5);
        clock.put("startOn", List.of("LeadLunched"));
        clock.put("escalation", List.of(Map.of("after", "PT0S", "action", "NOTIFY_ADDRESS")));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(json(definition))
                .when().put("/api/v1/policies/" + draft).then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("tiers[0].clocks[0].target", "tiers[0].clocks[0].warningAt",
                        "tiers[0].clocks[0].startOn[0]", "tiers[0].clocks[0].escalation[0].address"));
        // a misspelt field is refused, not ignored
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"name\": \"x\", \"tiers\": [], \"teirs\": []}")
                .when().put("/api/v1/policies/" + draft).then().statusCode(400);
        // a target that is not an ISO-8601 duration is refused, naming it, not a 500
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(json(definition).replace("\"PT0S\"", "\"an hour\""))
                .when().put("/api/v1/policies/" + draft).then().statusCode(400).contentType("application/problem+json");
        // every priority must be covered for a lead of any segment
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(json(Map.of("name", "HOT only", "tiers",
                List.of(((List<?>) demoDefinition().get("tiers")).get(0)))))
                .when().put("/api/v1/policies/" + draft).then().statusCode(422)
                .body("detail", containsString("no tier covers HIGH leads"));
        // nothing of the refused bodies was kept
        given().auth().oauth2(ADMIN).when().get("/api/v1/policies/" + draft).then().statusCode(200)
                .body("definition.tiers.size()", equalTo(3)).body("definition.tiers[0].clocks[0].target", equalTo("PT1H"));

        given().auth().oauth2(ADMIN).when().post("/api/v1/policies/" + draft + "/retire").then().statusCode(200)
                .body("status", equalTo("RETIRED"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(json(demoDefinition()))
                .when().put("/api/v1/policies/" + draft).then().statusCode(409);
        given().auth().oauth2(MANAGER).when().get("/api/v1/policies/" + draft + "/history").then().statusCode(200)
                .body("action", equalTo(List.of("CREATED", "RETIRED"))).body("actor", equalTo(List.of("ada", "ada")));
        given().auth().oauth2(ADMIN).when().post("/api/v1/policies/1/retire").then().statusCode(409);
    }

    @Test
    @SuppressWarnings("unchecked")
    void enterpriseLeadsGetTheirSegmentsTierInWallTimeAndOthersTheDefault() {
        // the team works office hours in Berlin; enterprise HOT leads are promised 4 hours around the clock
        String team = "Policy team " + UUID.randomUUID();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"hours\": " + SlaCalendarTest.OFFICE_HOURS
                .formatted("Europe/Berlin") + ", \"teams\": [\"" + team + "\"]}")
                .when().put("/api/v1/calendars/policy-" + UUID.randomUUID()).then().statusCode(200);
        int draft = newDraft();
        Map<String, Object> definition = demoDefinition();
        List<Object> tiers = new ArrayList<>((List<Object>) definition.get("tiers"));
        tiers.add(0, Map.of("priorities", List.of("HOT"), "segments", List.of("ENTERPRISE"), "clocks", List.of(Map.of(
                "kind", "FIRST_TOUCH", "target", "PT4H", "wallTime", true, "startOn", List.of("LeadAssigned"),
                "metOn", List.of("FirstTouchLogged")))));
        definition.put("tiers", tiers);
        definition.put("name", "Enterprise around the clock");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(json(definition))
                .when().put("/api/v1/policies/" + draft).then().statusCode(200);
        given().auth().oauth2(ADMIN).when().post("/api/v1/policies/" + draft + "/validate").then().statusCode(200)
                .body("valid", equalTo(true));
        given().auth().oauth2(ADMIN).when().post("/api/v1/policies/" + draft + "/activate").then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        given().auth().oauth2(MANAGER).when().get("/api/v1/policies/1").then().body("status", equalTo("RETIRED"));

        // a Saturday: the enterprise lead is due 4 wall-clock hours later, the SMB lead on Monday
        Instant saturday = Instant.parse("2026-12-05T10:00:00Z");
        UUID enterprise = UUID.randomUUID();
        UUID smb = UUID.randomUUID();
        publish(EventType.LEAD_ASSIGNED, enterprise, new LeadAssigned(enterprise, UUID.randomUUID(), "omar", "erik", team,
                Priority.HOT, saturday, null, null, null, "Enterprise accounts", 0, "ENTERPRISE"));
        publish(EventType.LEAD_ASSIGNED, smb, new LeadAssigned(smb, UUID.randomUUID(), "sam", "maria", team, Priority.HOT,
                saturday, null, null, null, "Everyone else", 0, "SMB"));
        awaitClocks(enterprise, "size() == 1");
        JsonPath e = clocks(enterprise);
        assertEquals("FIRST_TOUCH", e.getString("[0].kind"));
        assertEquals(saturday.plus(Duration.ofHours(4)), Instant.parse(e.getString("[0].dueAt")));
        assertEquals(null, e.getString("[0].calendar"), "wall time");
        assertEquals(draft, e.getInt("[0].policyVersion"));

        awaitClocks(smb, "size() == 2");
        JsonPath s = clocks(smb);
        // Monday 09:00 Berlin (08:00 UTC) plus the hour
        assertEquals(Instant.parse("2026-12-07T09:00:00Z"), Instant.parse(s.getString("find { it.kind == 'FIRST_TOUCH' }.dueAt")));
        assertEquals(draft, s.getInt("[0].policyVersion"));
    }

    @Test
    void aFollowUpOnHoldStopsCountingAndResumesWithWhatIsLeft() {
        UUID lead = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        // no calendar for this team: wall time, so the arithmetic is plain
        String team = "Hold team " + UUID.randomUUID();
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (BrokerProbe.Listener due = broker.listen(EventType.SLA_DUE_TIME_SET)) {
            publish(EventType.LEAD_ASSIGNED, lead, new LeadAssigned(lead, assignment, "sam", "maria", team, Priority.HIGH, t,
                    null, "sam@team.example", null, "Everyone else", 0, "SMB"));
            publish(EventType.LEAD_SALES_QUALIFIED, lead, new LeadSalesQualified(lead, assignment, "sam", "maria", team,
                    Priority.HIGH, new LeadSalesQualified.Bant("yes", "CFO", "reporting", "Q1"), "sam", t,
                    t.plus(Duration.ofHours(1))));
            awaitClocks(lead, "find { it.kind == 'SQL_FOLLOW_UP' } != null");
            assertEquals(t.plus(Duration.ofHours(41)), Instant.parse(clocks(lead).getString(
                    "find { it.kind == 'SQL_FOLLOW_UP' }.dueAt")), "40 hours from qualification");

            publish(EventType.LEAD_PUT_ON_HOLD, lead, new LeadPutOnHold(lead, assignment, "sam", "waiting for the CFO",
                    "sam", t.plus(Duration.ofHours(11))));
            awaitClocks(lead, "find { it.kind == 'SQL_FOLLOW_UP' }.status == 'PAUSED'");
            JsonPath paused = clocks(lead);
            assertEquals(10 * 3600, paused.getLong("find { it.kind == 'SQL_FOLLOW_UP' }.businessSecondsElapsed"));
            assertEquals("PAUSED", paused.getString("find { it.kind == 'REVIEW_DECISION' }.status"),
                    "the demo policy pauses the decision too");
            String followUp = paused.getString("find { it.kind == 'SQL_FOLLOW_UP' }.id");
            assertTrue(QuarkusTransaction.requiringNew().call(() -> timers.dueAt("sla.breach", followUp)).isEmpty(),
                    "a paused clock cannot breach");
            JsonPath announced = JsonPath.from(due.await(m -> m.contains(followUp) && m.contains("\"dueAt\":null"),
                    Duration.ofSeconds(10)));
            assertEquals("SQL_FOLLOW_UP", announced.getString("data.kind"));

            publish(EventType.LEAD_TAKEN_OFF_HOLD, lead, new LeadTakenOffHold(lead, assignment, "sam", "sam",
                    t.plus(Duration.ofHours(31))));
            awaitClocks(lead, "find { it.kind == 'SQL_FOLLOW_UP' }.status == 'OPEN'");
            Instant resumedDue = t.plus(Duration.ofHours(31 + 30));
            assertEquals(resumedDue, Instant.parse(clocks(lead).getString("find { it.kind == 'SQL_FOLLOW_UP' }.dueAt")),
                    "30 hours left of 40 count from the resumption");
            assertEquals(resumedDue, QuarkusTransaction.requiringNew().call(() -> timers.dueAt("sla.breach", followUp))
                    .orElseThrow());
            due.await(m -> m.contains(followUp) && m.contains(resumedDue.toString()), Duration.ofSeconds(10));
        }
    }

    @Test
    void aBreachClimbsItsLadderOnceStepByStepAndAStepMetLateStopsIt() {
        UUID lead = UUID.randomUUID();
        UUID touched = UUID.randomUUID();
        UUID touchedAssignment = UUID.randomUUID();
        String team = "Ladder team " + UUID.randomUUID();
        Instant t = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (BrokerProbe.Listener escalated = broker.listen(EventType.SLA_ESCALATED)) {
            publish(EventType.LEAD_ASSIGNED, lead, new LeadAssigned(lead, UUID.randomUUID(), "sam", "maria", team,
                    Priority.HOT, t, null, "sam@team.example", "maria@team.example", "Everyone else", 0, "SMB"));
            publish(EventType.LEAD_ASSIGNED, touched, new LeadAssigned(touched, touchedAssignment, "sue", "maria", team,
                    Priority.HOT, t, null, "sue@team.example", "maria@team.example", "Everyone else", 0, "SMB"));
            awaitClocks(lead, "size() == 2");
            awaitClocks(touched, "size() == 2");
            clock.advance(Duration.ofMinutes(61));

            // the demo HOT first-touch ladder: rep, manager and reassignment at once, in that order (both leads)
            List<String> seen = new ArrayList<>();
            java.util.function.BiPredicate<UUID, Integer> step = (l, n) -> seen.stream().anyMatch(m -> m.contains(l.toString())
                    && m.contains("\"step\":" + n + ","));
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                seen.addAll(escalated.collect(m -> true, Duration.ofMillis(200)));
                return step.test(lead, 0) && step.test(lead, 1) && step.test(lead, 2) && step.test(touched, 2);
            });
            List<JsonPath> steps = seen.stream().filter(m -> m.contains(lead.toString())).map(JsonPath::from).toList();
            assertEquals(List.of("NOTIFY_REP", "NOTIFY_MANAGER", "REASSIGN"), steps.stream()
                    .map(s -> s.getString("data.action")).toList());
            assertEquals("FIRST_TOUCH", steps.get(2).getString("data.kind"));
            assertEquals(3600, steps.get(2).getLong("data.targetSeconds"));
            await().atMost(Duration.ofSeconds(10)).until(() -> SlaClockTest.mailsAbout(lead).stream().anyMatch(m ->
                    SlaClockTest.recipient(m).equals("maria@team.example")
                            && SlaClockTest.subject(m).equals("SLA breached: HOT lead first touch overdue (sam)")));
            assertTrue(SlaClockTest.mailsAbout(lead).stream().anyMatch(m -> SlaClockTest.recipient(m)
                    .equals("sam@team.example") && LocalMail.text(m).contains("Escalation step 1")));
            given().auth().oauth2(MANAGER).queryParam("leadId", lead.toString()).queryParam("kind", "ESCALATION")
                    .when().get("/api/v1/alerts").then().statusCode(200).body("size()", equalTo(3))
                    .body("step", equalTo(List.of(0, 1, 2))).body("action", equalTo(List.of("NOTIFY_REP",
                            "NOTIFY_MANAGER", "REASSIGN")));

            // the other lead's first touch comes late: its breach is resolved and its ladder stops
            publish(EventType.FIRST_TOUCH_LOGGED, touched, new FirstTouchLogged(touched, touchedAssignment, "sue", "maria",
                    team, Priority.HOT, "CALL", null, t, clock.instant()));
            awaitClocks(touched, "find { it.kind == 'FIRST_TOUCH' }.resolvedAt != null");

            // four business hours after the due time (no calendar: wall time) RevOps hears of the one still open
            clock.advance(Duration.ofHours(4));
            seen.clear();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                seen.addAll(escalated.collect(m -> true, Duration.ofMillis(200)));
                return step.test(lead, 3);
            });
            JsonPath last = JsonPath.from(seen.stream().filter(m -> m.contains(lead.toString())).findFirst().orElseThrow());
            assertEquals("NOTIFY_ADDRESS", last.getString("data.action"));
            await().atMost(Duration.ofSeconds(10)).until(() -> SlaClockTest.mailsAbout(lead).stream().anyMatch(m ->
                    SlaClockTest.recipient(m).equals("revops@lead-handoff.example")));
            seen.addAll(escalated.collect(m -> true, Duration.ofSeconds(3)));
            assertTrue(!step.test(touched, 3), "met late: no further step");
            assertEquals(1, seen.stream().filter(m -> m.contains(lead.toString())).count(), "each step once");
            assertTrue(SlaClockTest.mailsAbout(touched).stream().noneMatch(m -> SlaClockTest.recipient(m)
                    .equals("revops@lead-handoff.example")));
        }
    }

    @Test
    void aBreachedLeadHandedToANewOwnerStartsAFreshClockForThem() {
        UUID lead = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        String team = "Fresh team " + UUID.randomUUID();
        Instant t = clock.instant().truncatedTo(ChronoUnit.MICROS);
        publish(EventType.LEAD_ASSIGNED, lead, new LeadAssigned(lead, assignment, "sam", "maria", team, Priority.HOT, t,
                null, null, null, "Everyone else", 0, "SMB"));
        awaitClocks(lead, "size() == 2");
        clock.advance(Duration.ofMinutes(61));
        awaitClocks(lead, "find { it.kind == 'FIRST_TOUCH' }.status == 'BREACHED'");
        String breachedId = clocks(lead).getString("find { it.kind == 'FIRST_TOUCH' }.id");

        Instant moved = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (BrokerProbe.Listener due = broker.listen(EventType.SLA_DUE_TIME_SET)) {
            publish(EventType.LEAD_REASSIGNED, lead, new LeadReassigned(lead, assignment, "sam", "sue", "maria", team,
                    Priority.HOT, "SLA breached: first touch overdue", "routing", moved, null, "sue@team.example", null,
                    "Everyone else"));
            awaitClocks(lead, "find { it.kind == 'FIRST_TOUCH' }.owner == 'sue'");
            JsonPath c = clocks(lead);
            String firstTouch = "find { it.kind == 'FIRST_TOUCH' }";
            assertEquals("OPEN", c.getString(firstTouch + ".status"));
            assertEquals(1, c.getInt(firstTouch + ".round"));
            assertEquals(moved, Instant.parse(c.getString(firstTouch + ".startedAt")));
            assertEquals(moved.plus(Duration.ofHours(1)), Instant.parse(c.getString(firstTouch + ".dueAt")));
            assertEquals(breachedId, c.getString(firstTouch + ".id"));
            // the open review decision moved with the lead, keeping the hour already spent
            assertEquals("sue", c.getString("find { it.kind == 'REVIEW_DECISION' }.owner"));
            Instant reviewDue = Instant.parse(c.getString("find { it.kind == 'REVIEW_DECISION' }.dueAt"));
            assertTrue(Duration.between(t.plus(Duration.ofHours(24)), reviewDue).abs().toSeconds() <= 1,
                    "still due 24 hours after the assignment (whole seconds kept): " + reviewDue);
            JsonPath announced = JsonPath.from(due.await(m -> m.contains(breachedId) && m.contains("\"owner\":\"sue\""),
                    Duration.ofSeconds(10)));
            assertEquals(moved.plus(Duration.ofHours(1)), Instant.parse(announced.getString("data.dueAt")));
        }
        // the old round's breach stays on record
        given().auth().oauth2(MANAGER).queryParam("leadId", lead.toString()).queryParam("kind", "BREACH").when()
                .get("/api/v1/alerts").then().statusCode(200).body("size()", equalTo(1)).body("[0].owner", equalTo("sam"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLadderStepPostsToAWebhookThatIsRetriedUntilItAnswers() {
        try (io.leadhandoff.testing.WebhookReceiver hook = new io.leadhandoff.testing.WebhookReceiver(2)) {
            // a queued HOT lead left unassigned goes to the sales floor's channel at once
            int draft = newDraft();
            Map<String, Object> definition = demoDefinition();
            for (Object tier : (List<Object>) definition.get("tiers")) {
                for (Object c : (List<Object>) ((Map<String, Object>) tier).get("clocks")) {
                    Map<String, Object> clock = (Map<String, Object>) c;
                    if ("QUEUED".equals(clock.get("kind"))) {
                        clock.put("escalation", List.of(Map.of("after", "PT0S", "action", "NOTIFY_ADDRESS",
                                "webhook", hook.url())));
                    }
                }
            }
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(json(definition))
                    .when().put("/api/v1/policies/" + draft).then().statusCode(200);
            given().auth().oauth2(ADMIN).when().post("/api/v1/policies/" + draft + "/activate").then().statusCode(200);

            UUID lead = UUID.randomUUID();
            Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
            publish(EventType.LEAD_QUEUED, lead, new io.leadhandoff.common.event.LeadQueued(lead, UUID.randomUUID(),
                    "FALLBACK", "No active rep in team Inbound EMEA", "maria", "Inbound EMEA", Priority.HOT, twoHoursAgo,
                    "maria@team.example", "SMB"));
            await().atMost(Duration.ofSeconds(30)).until(() -> hook.accepted().stream().anyMatch(b -> b.contains(
                    lead.toString())));
            JsonPath message = JsonPath.from(hook.accepted().stream().filter(b -> b.contains(lead.toString())).findFirst()
                    .orElseThrow());
            assertTrue(message.getString("text").contains("SLA breached: HOT lead waiting unassigned"),
                    message.getString("text"));
            String webhook = "find { it.channel == 'WEBHOOK' }";
            await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(given().auth().oauth2(ADMIN)
                    .queryParam("about", lead.toString()).when().get("/api/v1/admin/notifications").then().extract()
                    .jsonPath().getString(webhook + ".status")));
            JsonPath sent = given().auth().oauth2(ADMIN).queryParam("about", lead.toString()).when()
                    .get("/api/v1/admin/notifications").then().extract().jsonPath();
            assertEquals(3, sent.getInt(webhook + ".attempts"), "two refusals, then delivered");
            assertEquals(3, hook.received().stream().filter(b -> b.contains(lead.toString())).count());
        }
    }
}
