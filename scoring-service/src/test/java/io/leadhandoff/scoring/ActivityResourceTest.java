package io.leadhandoff.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ActivityResourceTest {

    static final String FORMS = Tokens.of("web-forms", Roles.INTEGRATION);

    @Inject
    EntityManager em;
    static BrokerProbe broker;
    static BrokerProbe.Listener qualified;

    @BeforeAll
    static void listen() {
        broker = new BrokerProbe();
        qualified = broker.listen(EventType.LEAD_QUALIFIED);
    }

    @AfterAll
    static void close() {
        qualified.close();
        broker.close();
    }

    static String createLead(String email) {
        return given().auth().oauth2(FORMS).contentType(ContentType.JSON).body(LeadResourceTest.icpLead(email))
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("id");
    }

    static String event(String id, String email, String type, String url, String properties) {
        return """
                {"eventId": "%s", "email": "%s", "type": "%s", "url": %s, "occurredAt": "%s", "properties": %s}
                """.formatted(id, email, type, url == null ? "null" : "\"" + url + "\"", Instant.now(), properties);
    }

    @Test
    void demoRequestQualifiesAHotLeadOnceWithItsReasonAndTouches() {
        String email = "hot." + UUID.randomUUID() + "@acme.example";
        String leadId = createLead(email);
        String batch = "[" + event("pv-" + leadId, email, "page_view", "https://acme.example/pricing", "null") + ","
                + event("demo-" + leadId, email, "demo_request", "https://acme.example/demo",
                        "{\"What is your main challenge?\": \"Leads go cold before sales calls\"}")
                + "]";

        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body(batch)
                .when().post("/api/v1/events")
                .then().statusCode(202).body("accepted", equalTo(2)).body("duplicates", equalTo(0));

        given().auth().oauth2(FORMS).when().get("/api/v1/leads/" + leadId)
                .then().statusCode(200)
                .body("lifecycleStage", equalTo("MQL"))
                .body("priority", equalTo("HOT"))
                .body("score.intent", equalTo(25))
                .body("mqlReason", startsWith("Fast track: demo request"));

        JsonPath event = JsonPath.from(qualified.await(m -> m.contains(leadId), Duration.ofSeconds(10)));
        assertEquals("io.leadhandoff.lead.qualified", event.getString("type"));
        assertEquals(leadId, event.getString("subject"));
        assertEquals("scoring-service", event.getString("source"));
        assertEquals("HOT", event.getString("data.priority"));
        assertEquals(55, event.getInt("data.totalScore"));
        assertEquals("Leads go cold before sales calls",
                event.getString("data.lastTouches[0].properties.'What is your main challenge?'"));
        assertEquals(true, event.getList("data.breakdown.rule").contains("demo-request"));

        // the same batch again: idempotent on eventId, no second qualification
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body(batch)
                .when().post("/api/v1/events")
                .then().statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(2));
        assertEquals(0, qualified.collect(m -> m.contains(leadId), Duration.ofSeconds(2)).size());
    }

    @Test
    void aBatchResentWithOneNewTouchScoresOnlyTheNewOne() {
        // every 3 product views within 14 days earn 8 points (capped at 16): a touch counted twice would show
        String email = "resent." + UUID.randomUUID() + "@prospect.example";
        String first = "[" + event("r1-" + email, email, "page_view", "https://acme.example/product/a", "null") + ","
                + event("r2-" + email, email, "page_view", "https://acme.example/product/b", "null") + ","
                + event("r3-" + email, email, "page_view", "https://acme.example/product/c", "null") + "]";
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body(first).when().post("/api/v1/events").then()
                .statusCode(202).body("accepted", equalTo(3));
        String again = "[" + event("r2-" + email, email, "page_view", "https://acme.example/product/b", "null") + ","
                + event("r3-" + email, email, "page_view", "https://acme.example/product/c", "null") + ","
                + event("r4-" + email, email, "page_view", "https://acme.example/product/d", "null") + "]";
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body(again).when().post("/api/v1/events").then()
                .statusCode(202).body("accepted", equalTo(1)).body("duplicates", equalTo(2));
        Object[] stored = (Object[]) em.createNativeQuery(
                "select id, intent_score from lead where email = :email").setParameter("email", email).getSingleResult();
        JsonPath explained = given().auth().oauth2(FORMS).when().get("/api/v1/leads/" + stored[0] + "/explanation")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(8, explained.getInt("scores.intent"), "four product views: one group of three");
        assertEquals(explained.getInt("scores.intent"), ((Number) stored[1]).intValue(), "the stored intent counts each touch once");
    }

    @Test
    void touchesSentOneBatchAtATimeScoreLikeTheLeadsWholeHistory() {
        // a lead known only by its touches (no fit: it stays a lead), scored from the history kept with it
        String email = "browsing." + UUID.randomUUID() + "@prospect.example";
        String[] pages = { "https://acme.example/product/a", "https://acme.example/pricing", "https://acme.example/blog/x",
                "https://acme.example/product/b", "https://acme.example/product/c", "https://acme.example/case-studies/y" };
        String leadId = null;
        for (int i = 0; i < pages.length; i++) {
            given().auth().oauth2(FORMS).contentType(ContentType.JSON)
                    .body("[" + event("b" + i + "-" + email, email, "page_view", pages[i], "null") + "]")
                    .when().post("/api/v1/events").then().statusCode(202).body("accepted", equalTo(1));
            if (leadId == null) {
                // created by its first touch; an upsert with nothing new tells its id
                leadId = given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("{\"email\": \"" + email + "\"}")
                        .when().post("/api/v1/leads").then().statusCode(200).extract().path("id");
            }
            // the scores stored by the ingest, from the kept history and the batch's touches
            Object[] stored = (Object[]) em.createNativeQuery(
                    "select fit_score, intent_score, total_score from lead where id = cast(:id as uuid)")
                    .setParameter("id", leadId).getSingleResult();
            JsonPath explained = given().auth().oauth2(FORMS).when().get("/api/v1/leads/" + leadId + "/explanation")
                    .then().statusCode(200).extract().jsonPath();
            // the explanation scores the stored activity read whole, as of now
            assertEquals(explained.getInt("scores.fit"), ((Number) stored[0]).intValue(), "fit after touch " + i);
            assertEquals(explained.getInt("scores.intent"), ((Number) stored[1]).intValue(), "intent after touch " + i);
            assertEquals(explained.getInt("scores.total"), ((Number) stored[2]).intValue(), "total after touch " + i);
            // a read shows the same rules as the explanation
            JsonPath read = given().auth().oauth2(FORMS).when().get("/api/v1/leads/" + leadId).then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(explained.getList("rules.rule"), read.getList("score.breakdown.rule"), "rules after touch " + i);
            assertEquals(explained.getList("rules.points"), read.getList("score.breakdown.points"));
            assertEquals(explained.getInt("scores.intent"), read.getInt("score.intent"));
        }
        given().auth().oauth2(FORMS).when().get("/api/v1/leads/" + leadId).then()
                .body("score.breakdown.rule", hasItem("pricing-and-product"))
                .body("lifecycleStage", equalTo("LEAD"));
    }

    @Test
    void intentThresholdQualifiesWithoutFastTrack() {
        String email = "warm." + UUID.randomUUID() + "@acme.example";
        String leadId = createLead(email);
        given().auth().oauth2(FORMS).contentType(ContentType.JSON)
                .body("[" + event("p-" + leadId, email, "page_view", "https://acme.example/pricing", "null") + ","
                        + event("c-" + leadId, email, "page_view", "https://acme.example/case-studies/x", "null") + "]")
                .when().post("/api/v1/events").then().statusCode(202).body("accepted", equalTo(2));
        given().auth().oauth2(FORMS).when().get("/api/v1/leads/" + leadId)
                .then().body("lifecycleStage", equalTo("MQL")).body("priority", equalTo("WARM"))
                .body("score.intent", equalTo(18)).body("mqlReason", startsWith("Fit and intent thresholds met"));
    }

    @Test
    void personalEmailIsDisqualifiedEvenWithADemoRequest() {
        String email = "someone." + UUID.randomUUID() + "@gmail.com";
        given().auth().oauth2(FORMS).contentType(ContentType.JSON)
                .body("[" + event("d-" + email, email, "demo_request", null, "null") + "]")
                .when().post("/api/v1/events").then().statusCode(202).body("accepted", equalTo(1));
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("{\"email\": \"" + email + "\"}")
                .when().post("/api/v1/leads")
                .then().statusCode(200)
                .body("lifecycleStage", equalTo("DISQUALIFIED"))
                .body("score.disqualification", equalTo(-100))
                .body("score.breakdown.rule", hasItem("personal-email"));
    }

    @Test
    void aBatchWithOneInvalidEventIsRejectedWhole() {
        String email = "batch." + UUID.randomUUID() + "@acme.example";
        String good = event("good-" + email, email, "page_view", "https://acme.example/", "null");
        String bad = """
                {"eventId": "", "email": "nope", "type": "Page View"}
                """;
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("[" + good + "," + bad + "]")
                .when().post("/api/v1/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("[1].email"))
                .body("violations.field", hasItem("[1].occurredAt"));
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("[]")
                .when().post("/api/v1/events").then().statusCode(400).contentType("application/problem+json");
        // the good event of the rejected batch was not stored
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("[" + good + "]")
                .when().post("/api/v1/events").then().statusCode(202).body("accepted", equalTo(1));
    }

    @Test
    void eventsRequireAnIntegrationOrMarketingToken() {
        given().contentType(ContentType.JSON).body("[]").when().post("/api/v1/events").then().statusCode(401);
        given().auth().oauth2(Tokens.of("maria", Roles.SALES_MANAGER)).contentType(ContentType.JSON).body("[]")
                .when().post("/api/v1/events").then().statusCode(403);
    }

    @Test
    void aBatchOverTheLimitIsA413AndStoresNothing() {
        String email = "many." + UUID.randomUUID() + "@acme.example";
        java.util.List<String> events = new java.util.ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            events.add(event("many-" + i + "-" + email, email, "page_view", null, "null"));
        }
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("[" + String.join(",", events) + "]")
                .when().post("/api/v1/events").then().statusCode(413).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("at most 1000"));
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("{\"email\": \"" + email + "\"}")
                .when().post("/api/v1/leads").then().statusCode(201);
    }
}
