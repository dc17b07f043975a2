package io.leadhandoff.routing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.security.Roles;
import io.leadhandoff.routing.assignment.Assignment;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SAL step through the API with real tokens: the owner (or the team's manager) accepts,
 * qualifies with BANT, rejects with a reason from the list, logs touches, records the outcome;
 * anyone else is refused, and a step that does not follow is a 409 saying why.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class DispositionsTest {

    static final String ADA = Tokens.of("ada", Roles.REVOPS_ADMIN);
    static final String MARIA = Tokens.of("maria", Roles.SALES_MANAGER);
    static final String ERIK = Tokens.of("erik", Roles.SALES_MANAGER);
    static final String BANT = """
            {"budget": "50k approved for Q1", "authority": "VP Sales signs", "need": "leads go cold",
             "timeline": "live by March"}""";

    static BrokerProbe broker;

    @Inject
    EventCodec codec;

    @BeforeAll
    static void open() {
        broker = new BrokerProbe();
    }

    @AfterAll
    static void close() {
        broker.close();
    }

    @BeforeEach
    void demoRules() {
        DemoRouting.restoreRules();
    }

    Assignment routed() {
        UUID lead = UUID.randomUUID();
        broker.publish(EventType.LEAD_QUALIFIED, RoutingEvents.leadQualified(codec, lead, Priority.HOT));
        return await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> Assignment.<Assignment>find("leadId", lead).firstResult()), a -> a != null);
    }

    static String token(Assignment a) {
        return Tokens.of(a.ownerLogin, Roles.SALES_REP);
    }

    static String other(Assignment a) {
        return Tokens.of(a.ownerLogin.equals("sam") ? "sue" : "sam", Roles.SALES_REP);
    }

    static io.restassured.response.ValidatableResponse post(String token, Assignment a, String step, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments/" + a.id + "/" + step).then();
    }

    @Test
    void theOwnerAcceptsQualifiesAndWinsAndEachStepIsAnnouncedAndKept() {
        Assignment a = routed();
        try (BrokerProbe.Listener accepted = broker.listen(EventType.LEAD_ACCEPTED);
                BrokerProbe.Listener qualified = broker.listen(EventType.LEAD_SALES_QUALIFIED);
                BrokerProbe.Listener touched = broker.listen(EventType.FIRST_TOUCH_LOGGED);
                BrokerProbe.Listener outcome = broker.listen(EventType.LEAD_OUTCOME_RECORDED)) {
            post(token(a), a, "touches", "{\"channel\": \"CALL\", \"note\": \"left a voicemail\"}").statusCode(201);
            post(token(a), a, "touches", "{\"channel\": \"EMAIL\"}").statusCode(201);
            post(token(a), a, "accept", "{\"note\": \"fits our ICP\"}").statusCode(200).body("status", equalTo("ACCEPTED"));
            post(token(a), a, "accept", "{}").statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("is ACCEPTED: it cannot be accepted"));
            post(token(a), a, "qualify", BANT).statusCode(200).body("status", equalTo("QUALIFIED"));
            post(token(a), a, "reject", "{\"reason\": \"BAD_TIMING\"}").statusCode(409)
                    .body("detail", containsString("is QUALIFIED: it cannot be rejected"));
            post(token(a), a, "outcome", "{\"outcome\": \"OPPORTUNITY\"}").statusCode(200).body("status", equalTo("QUALIFIED"));
            post(token(a), a, "outcome", "{\"outcome\": \"WON\", \"note\": \"3-year deal\"}").statusCode(200)
                    .body("status", equalTo("CLOSED"));

            JsonPath t = JsonPath.from(touched.await(m -> m.contains(a.id.toString()), Duration.ofSeconds(10)));
            assertEquals("CALL", t.getString("data.channel"));
            assertEquals(0, touched.collect(m -> m.contains(a.id.toString()), Duration.ofSeconds(1)).size(),
                    "only the first touch is announced");
            JsonPath acc = JsonPath.from(accepted.await(m -> m.contains(a.id.toString()), Duration.ofSeconds(10)));
            assertEquals(a.ownerLogin, acc.getString("data.actor"));
            assertEquals("Everyone else", acc.getString("data.rule"));
            JsonPath q = JsonPath.from(qualified.await(m -> m.contains(a.id.toString()), Duration.ofSeconds(10)));
            assertEquals("leads go cold", q.getString("data.bant.need"));
            List<String> outcomes = outcome.collect(m -> m.contains(a.id.toString()), Duration.ofSeconds(3)).stream()
                    .map(m -> JsonPath.from(m).getString("data.outcome")).toList();
            assertEquals(List.of("OPPORTUNITY", "WON"), outcomes);
        }
        JsonPath why = given().auth().oauth2(MARIA).when().get("/api/v1/assignments/" + a.id + "/explanation").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("ASSIGNED", "TOUCHED", "TOUCHED", "ACCEPTED", "QUALIFIED", "OPPORTUNITY", "WON"),
                why.getList("history.action"));
        given().auth().oauth2(MARIA).when().get("/api/v1/assignments/" + a.id).then()
                .body("tasks[0].type", equalTo("FIRST_TOUCH")).body("tasks[0].status", equalTo("DONE"))
                .body("firstTouchAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void onlyTheOwnerTheTeamsManagerOrAnAdminActAndEveryEndpointSaysSo() {
        Assignment a = routed();
        for (String step : List.of("accept", "qualify", "reject", "touches", "outcome")) {
            String body = switch (step) {
                case "qualify" -> BANT;
                case "reject" -> "{\"reason\": \"BAD_TIMING\"}";
                case "touches" -> "{\"channel\": \"CALL\"}";
                case "outcome" -> "{\"outcome\": \"WON\"}";
                default -> "{}";
            };
            post(other(a), a, step, body).statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("not yours to act on"));
            post(ERIK, a, step, body).statusCode(403);
            post(Tokens.of("marta", Roles.MARKETING), a, step, body).statusCode(403);
        }
        post(other(a), a, "reassign", "{\"reason\": \"mine now\"}").statusCode(403);
        post(ERIK, a, "reassign", "{\"reason\": \"mine now\"}").statusCode(403);
        // the team's manager acts for the rep, on every step
        post(MARIA, a, "touches", "{\"channel\": \"MEETING\"}").statusCode(201);
        post(MARIA, a, "accept", "{}").statusCode(200).body("status", equalTo("ACCEPTED"));
        post(MARIA, a, "qualify", BANT).statusCode(200).body("status", equalTo("QUALIFIED"));
        post(MARIA, a, "outcome", "{\"outcome\": \"LOST\"}").statusCode(200).body("status", equalTo("CLOSED"));
        Assignment b = routed();
        post(MARIA, b, "reject", "{\"reason\": \"COULD_NOT_CONTACT\"}").statusCode(200).body("status", equalTo("REJECTED"));
        given().auth().oauth2(token(a)).when().get("/api/v1/assignments/" + UUID.randomUUID() + "/explanation")
                .then().statusCode(404);
        post(token(a), a, "qualify", "{\"budget\": \"yes\"}").statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aRejectionNeedsAReasonFromTheListAndOtherNeedsANote() {
        Assignment a = routed();
        post(token(a), a, "reject", "{}").statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("A reason is mandatory"));
        post(token(a), a, "reject", "{\"reason\": \"DID_NOT_LIKE_IT\"}").statusCode(400);
        post(token(a), a, "reject", "{\"reason\": \"OTHER\"}").statusCode(422).body("violations[0].field", equalTo("note"));
        try (BrokerProbe.Listener rejected = broker.listen(EventType.LEAD_REJECTED)) {
            post(token(a), a, "reject", "{\"reason\": \"OTHER\", \"note\": \"student project\"}").statusCode(200)
                    .body("status", equalTo("REJECTED"));
            JsonPath r = JsonPath.from(rejected.await(m -> m.contains(a.id.toString()), Duration.ofSeconds(10)));
            assertEquals("OTHER", r.getString("data.reason"));
            assertEquals("student project", r.getString("data.note"));
            assertEquals(a.ownerLogin, r.getString("data.owner"));
        }
        post(token(a), a, "accept", "{}").statusCode(409).body("detail", containsString("is REJECTED"));
    }

    @Test
    void insufficientDataSendsTheLeadToEnrichmentWhereAManagerSeesItsAgeAndHandsItOutAgain() {
        Assignment a = routed();
        String rep = a.ownerLogin;
        try (BrokerProbe.Listener queued = broker.listen(EventType.LEAD_QUEUED)) {
            post(token(a), a, "reject", "{\"reason\": \"INSUFFICIENT_DATA\", \"note\": \"no company size\"}").statusCode(200)
                    .body("status", equalTo("QUEUED"));
            JsonPath q = JsonPath.from(queued.await(m -> m.contains(a.id.toString()), Duration.ofSeconds(10)));
            assertEquals("ENRICHMENT", q.getString("data.queue"));
            assertEquals("maria", q.getString("data.manager"));
        }
        JsonPath queue = given().auth().oauth2(MARIA).when().get("/api/v1/queues/ENRICHMENT").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(queue.getList("assignment.id").contains(a.id.toString()), queue.prettify());
        given().auth().oauth2(token(a)).when().get("/api/v1/queues/ENRICHMENT").then().statusCode(403);
        given().auth().oauth2(MARIA).when().get("/api/v1/queues/NOWHERE").then().statusCode(404);

        // enriched: maria hands it to a rep of her team, and the rep has it again
        String next = rep.equals("sam") ? "sue" : "sam";
        try (BrokerProbe.Listener assigned = broker.listen(EventType.LEAD_ASSIGNED)) {
            post(MARIA, a, "reassign", "{\"owner\": \"" + next + "\", \"reason\": \"company size added\"}").statusCode(200)
                    .body("status", equalTo("ASSIGNED")).body("owner", equalTo(next));
            JsonPath e = JsonPath.from(assigned.await(m -> m.contains(a.id.toString()), Duration.ofSeconds(10)));
            assertEquals("manual", e.getString("data.rule"));
        }
        given().auth().oauth2(MARIA).when().get("/api/v1/queues/ENRICHMENT").then()
                .body("assignment.id", not(hasItem(a.id.toString())));
        post(MARIA, a, "reassign", "{\"owner\": \"omar\", \"reason\": \"enterprise after all\"}").statusCode(403)
                .body("detail", containsString("which you do not manage"));
        post(ADA, a, "reassign", "{\"reason\": \"let the rules choose\"}").statusCode(200)
                .body("owner", not(equalTo(next)));
    }

    @Test
    void aLeadScoringRoutesElsewhereWaitsForCustomerSuccessAndAManagerClaimsIt() {
        UUID lead = UUID.randomUUID();
        broker.publish(EventType.LEAD_LIFECYCLE_CHANGED, codec.encode(io.leadhandoff.testing.TestEvents.wrap(
                EventType.LEAD_LIFECYCLE_CHANGED, "scoring-service", lead.toString(),
                new io.leadhandoff.common.event.LeadLifecycleChanged(lead, io.leadhandoff.common.event.LifecycleStage.MQL,
                        io.leadhandoff.common.event.LifecycleStage.ROUTED_ELSEWHERE,
                        "Rejected by sam: EXISTING_CUSTOMER", "webinar", "q4", java.time.Instant.now()))));
        Assignment queued = await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> Assignment.<Assignment>find("leadId", lead).firstResult()), a -> a != null);
        assertEquals("CUSTOMER_SUCCESS", queued.queue.name());
        JsonPath queue = given().auth().oauth2(MARIA).when().get("/api/v1/queues/CUSTOMER_SUCCESS").then().statusCode(200)
                .extract().jsonPath();
        String path = "find { it.assignment.id == '" + queued.id + "' }";
        assertTrue(queue.getString(path + ".reason").contains("EXISTING_CUSTOMER"), queue.prettify());
        assertTrue(queue.getLong(path + ".ageSeconds") >= 0);
        post(MARIA, queued, "reassign", "{\"owner\": \"maria\", \"reason\": \"I know them\"}").statusCode(200)
                .body("owner", equalTo("maria")).body("status", equalTo("ASSIGNED"));
        post(MARIA, queued, "reassign", "{\"owner\": \"maria\", \"reason\": \"again\"}").statusCode(409);
    }

    @Test
    void theOwnerPutsALeadOnHoldWhileWaitingOnTheProspectAndTakesItOff() {
        Assignment a = routed();
        try (BrokerProbe.Listener held = broker.listen(EventType.LEAD_PUT_ON_HOLD, EventType.LEAD_TAKEN_OFF_HOLD)) {
            post(token(a), a, "hold", "{}").statusCode(400).contentType("application/problem+json");
            post(other(a), a, "hold", "{\"reason\": \"not mine\"}").statusCode(403);
            post(token(a), a, "resume", "{}").statusCode(409).body("detail", containsString("is not on hold"));
            post(token(a), a, "hold", "{\"reason\": \"waiting for the budget owner\"}").statusCode(200)
                    .body("onHoldReason", equalTo("waiting for the budget owner")).body("onHoldSince", not(equalTo(null)));
            post(token(a), a, "hold", "{\"reason\": \"again\"}").statusCode(409)
                    .body("detail", containsString("on hold already"));
            JsonPath h = JsonPath.from(held.await(m -> m.contains(a.id.toString()) && m.contains("put-on-hold"),
                    Duration.ofSeconds(10)));
            assertEquals("waiting for the budget owner", h.getString("data.reason"));
            assertEquals(a.ownerLogin, h.getString("data.owner"));

            post(token(a), a, "resume", "{}").statusCode(200).body("onHoldSince", equalTo(null));
            JsonPath r = JsonPath.from(held.await(m -> m.contains(a.id.toString()) && m.contains("taken-off-hold"),
                    Duration.ofSeconds(10)));
            assertEquals(a.ownerLogin, r.getString("data.by"));
        }
        given().auth().oauth2(MARIA).when().get("/api/v1/assignments/" + a.id + "/explanation").then()
                .body("history.action", hasItems("ON_HOLD", "OFF_HOLD"));
    }

    @Test
    void aRejectedLeadThatQualifiesAgainIsRoutedAgain() {
        Assignment first = routed();
        post(token(first), first, "reject", "{\"reason\": \"BAD_TIMING\"}").statusCode(200);
        // recycled in scoring, then new intent: a new MQL of the same lead (a new event)
        broker.publish(EventType.LEAD_QUALIFIED, RoutingEvents.leadQualified(codec, first.leadId, Priority.HIGH, "DE", 500,
                "acme.example", Map.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> Assignment.count("leadId", first.leadId)) == 2);
        Assignment again = QuarkusTransaction.requiringNew().call(() -> Assignment.<Assignment>find(
                "leadId = ?1 and id <> ?2", first.leadId, first.id).firstResult());
        assertEquals(Assignment.Status.ASSIGNED, again.status);
        assertEquals(Priority.HIGH, again.priority);
    }

    /** The SLA policy's ladder asks for the lead to go to the next eligible rep (or only tells someone). */
    void escalate(Assignment a, String action) {
        java.time.Instant now = java.time.Instant.now();
        broker.publish(EventType.SLA_ESCALATED, codec.encode(io.leadhandoff.testing.TestEvents.wrap(EventType.SLA_ESCALATED,
                "sla-service", a.leadId.toString(), new io.leadhandoff.common.event.SlaEscalated(a.leadId, UUID.randomUUID(),
                        a.id, "FIRST_TOUCH", a.ownerLogin, a.managerLogin, a.teamName, a.priority, now.minusSeconds(3600),
                        now, 3600, 3600, 2, action, now))));
    }

    @Test
    void aReassignStepOfTheSlaLadderHandsTheLeadToTheNextEligibleRepUnlessItWasTouched() {
        Assignment a = routed();
        try (BrokerProbe.Listener reassigned = broker.listen(EventType.LEAD_REASSIGNED)) {
            // a step that only notifies leaves the lead where it is
            escalate(a, "NOTIFY_MANAGER");
            assertEquals(0, reassigned.collect(m -> m.contains(a.id.toString()), Duration.ofSeconds(2)).size());
            escalate(a, "REASSIGN");
            JsonPath e = JsonPath.from(reassigned.await(m -> m.contains(a.id.toString()), Duration.ofSeconds(10)));
            assertEquals(a.ownerLogin, e.getString("data.previousOwner"));
            assertTrue(!a.ownerLogin.equals(e.getString("data.owner")), "someone else");
            assertTrue(e.getString("data.reason").startsWith("SLA breached: first touch overdue"), e.getString("data.reason"));
            assertEquals("routing", e.getString("data.actor"));
        }
        // a lead its owner already reached stays where it is
        Assignment touched = routed();
        post(token(touched), touched, "touches", "{\"channel\": \"CALL\"}").statusCode(201);
        try (BrokerProbe.Listener reassigned = broker.listen(EventType.LEAD_REASSIGNED)) {
            escalate(touched, "REASSIGN");
            assertEquals(0, reassigned.collect(m -> m.contains(touched.id.toString()), Duration.ofSeconds(3)).size());
        }
    }

    @Test
    void aLeadMergedIntoAnotherLeavesItsOwnersDesk() {
        Assignment a = routed();
        UUID survivor = UUID.randomUUID();
        broker.publish(EventType.LEAD_MERGED, codec.encode(io.leadhandoff.testing.TestEvents.wrap(EventType.LEAD_MERGED,
                "scoring-service", survivor.toString(), new io.leadhandoff.common.event.LeadMerged(survivor, a.leadId,
                        "dana@acme.example", java.time.Instant.now()))));
        await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> Assignment.<Assignment>findById(a.id).status == Assignment.Status.CLOSED));
        given().auth().oauth2(MARIA).when().get("/api/v1/assignments/" + a.id + "/explanation").then()
                .body("history[-1].reason", equalTo("merged into lead " + survivor));
        given().auth().oauth2(MARIA).when().get("/api/v1/assignments/" + a.id).then().body("tasks[0].status", equalTo("CANCELLED"));
    }

    @Test
    void aNewMqlForAQueuedLeadUpdatesWhatTheQueueShows() {
        UUID lead = UUID.randomUUID();
        for (Priority priority : List.of(Priority.WARM, Priority.HOT)) {
            // no company name or domain: the demo rules send it to enrichment
            broker.publish(EventType.LEAD_QUALIFIED, codec.encode(io.leadhandoff.testing.TestEvents.wrap(
                    EventType.LEAD_QUALIFIED, "scoring-service", lead.toString(), new io.leadhandoff.common.event.LeadQualified(
                            lead, "anon-" + lead + "@gmail.example", null, null, null, null, null, "DE", "webinar", "q4",
                            priority, 10, 30, 40, "Fast track: " + priority, 1, List.of(), List.of(),
                            java.time.Instant.now()))));
            await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew().call(() -> Assignment
                    .<Assignment>find("leadId", lead).firstResultOptional().map(a -> a.priority == priority).orElse(false)));
        }
        Assignment queued = QuarkusTransaction.requiringNew().call(() -> Assignment.<Assignment>find("leadId", lead).firstResult());
        assertEquals("ENRICHMENT", queued.queue.name());
        assertEquals("Fast track: HOT", queued.leadContext.reason());
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> Assignment.count("leadId", lead)));
    }

    @Test
    void aNewMqlForALeadSomeoneOwnsIsNotRoutedAgainButToldToTheOwner() {
        Assignment a = routed();
        broker.publish(EventType.LEAD_QUALIFIED, RoutingEvents.leadQualified(codec, a.leadId, Priority.HIGH, "DE", 500,
                "acme.example", Map.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().oauth2(ADA)
                .queryParam("about", a.leadId.toString()).when().get("/api/v1/admin/notifications").then().extract()
                .jsonPath().getList("cause", String.class).stream().anyMatch(c -> c.startsWith("lead-qualified-again/" + a.id)));
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> Assignment.count("leadId", a.leadId)));
    }
}
