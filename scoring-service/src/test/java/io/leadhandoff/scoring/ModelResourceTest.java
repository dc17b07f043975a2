package io.leadhandoff.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Models as versioned data over the API with real tokens: drafts are created, copied, edited and
 * validated; invalid rules are 422 naming the rule; active and retired versions are immutable
 * (409); activation makes exactly one version active, re-scores open leads in the background and
 * is audited.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class ModelResourceTest {

    static final String MARKETING = Tokens.of("marta", Roles.MARKETING);
    static final String ADMIN = Tokens.of("ada", Roles.REVOPS_ADMIN);
    static final String REP = Tokens.of("sam", Roles.SALES_REP);
    static final String FORMS = Tokens.of("forms", Roles.INTEGRATION);

    /** Every lead in DE fits; any page view is intent enough. */
    static final String GERMANY_FIRST = """
                {"name": "Germany first", "rules": [
                  {"id": "germany", "kind": "FIELD", "feeds": "FIT", "points": 30,
                   "condition": {"op": "equals", "attribute": "country", "value": "DE"}},
                  {"id": "any-page", "kind": "BEHAVIOUR", "feeds": "INTENT", "points": 20,
                   "behaviour": {"eventType": "page_view", "minCount": 1, "windowDays": 30}}],
                 "policy": {"minFit": 20, "minIntent": 15, "fastTrack": ["demo_request"], "fitTiers": {"a": 30, "b": 10}}}
                """;

    @Inject
    EntityManager em;

    static int activeVersion() {
        return given().auth().oauth2(REP).when().get("/api/v1/models").then().statusCode(200).extract().jsonPath()
                .getInt("find { it.status == 'ACTIVE' }.version");
    }

    static int draftFrom(Integer copyOf) {
        var request = given().auth().oauth2(MARKETING);
        if (copyOf != null) {
            request = request.queryParam("copyOf", copyOf);
        }
        return request.when().post("/api/v1/models").then().statusCode(201)
                .body("status", equalTo("DRAFT")).extract().path("version");
    }

    @Test
    void everyRoleReadsTheShippedDemoModel() {
        int active = activeVersion();
        given().auth().oauth2(REP).when().get("/api/v1/models/" + active).then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("definition.rules.id", hasItems("industry", "demo-request", "pricing-and-product", "personal-email"))
                .body("definition.policy.fastTrack", hasItem("demo_request"));
        given().when().get("/api/v1/models").then().statusCode(401);
        given().auth().oauth2(REP).when().get("/api/v1/models/999999").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aDraftIsEditedValidatedAndAuditedWhileTheActiveVersionIsImmutable() {
        int active = activeVersion();
        given().auth().oauth2(REP).when().post("/api/v1/models").then().statusCode(403);
        int draft = draftFrom(active);
        given().auth().oauth2(REP).when().get("/api/v1/models/" + draft).then().statusCode(200)
                .body("definition.rules.id", hasItem("demo-request"));

        String invalid = """
                {"name": "Broken", "rules": [
                  {"id": "size", "kind": "FIELD", "feeds": "FIT", "points": 5,
                   "condition": {"op": "range", "attribute": "shoeSize", "min": 40}},
                  {"id": "pricing", "kind": "BEHAVIOUR", "feeds": "INTENT", "points": 5,
                   "behaviour": {"eventType": "page_view", "url": "([a-z", "match": "REGEX", "minCount": 1, "windowDays": 7}}],
                 "policy": {"minFit": 10, "minIntent": 10, "fastTrack": [], "fitTiers": {"a": 20, "b": 10}}}
                """;
        given().auth().oauth2(MARKETING).contentType(ContentType.JSON).body(invalid)
                .when().put("/api/v1/models/" + draft).then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", hasItems("rules[0] (size).condition.range", "rules[1] (pricing).behaviour.url"))
                .body("detail", containsString("unknown attribute 'shoeSize'"));
        given().auth().oauth2(MARKETING).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"rules\": [{\"id\": \"a\", \"kind\": \"FIELD\", \"feeds\": \"FIT\", \"points\": 1,"
                        + " \"condition\": {\"op\": \"present\", \"attribute\": \"country\"}, \"colour\": \"red\"}],"
                        + " \"policy\": {\"minFit\": 1, \"minIntent\": 1, \"fastTrack\": [], \"fitTiers\": {\"a\": 2, \"b\": 1}}}")
                .when().put("/api/v1/models/" + draft).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("colour"));

        String valid = """
                {"name": "Germany first", "rules": [
                  {"id": "germany", "description": "Based in Germany", "kind": "FIELD", "feeds": "FIT", "points": 30,
                   "condition": {"op": "equals", "attribute": "country", "value": "DE"}},
                  {"id": "any-page", "kind": "BEHAVIOUR", "feeds": "INTENT", "points": 20,
                   "behaviour": {"eventType": "page_view", "minCount": 1, "windowDays": 30}}],
                 "policy": {"minFit": 20, "minIntent": 15, "fastTrack": ["demo_request"], "fitTiers": {"a": 30, "b": 10}}}
                """;
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(valid)
                .when().put("/api/v1/models/" + draft).then().statusCode(200).body("name", equalTo("Germany first"));
        given().auth().oauth2(MARKETING).when().post("/api/v1/models/" + draft + "/validate").then().statusCode(200)
                .body("valid", equalTo(true));

        given().auth().oauth2(MARKETING).contentType(ContentType.JSON).body(valid)
                .when().put("/api/v1/models/" + active).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("copyOf=" + active));
        given().auth().oauth2(MARKETING).when().post("/api/v1/models/" + active + "/retire").then().statusCode(409);

        given().auth().oauth2(REP).when().get("/api/v1/models/" + draft + "/history").then().statusCode(200)
                .body("action", hasItems("CREATED", "UPDATED")).body("actor", hasItems("marta", "ada"));
        given().auth().oauth2(MARKETING).when().post("/api/v1/models/" + draft + "/retire").then().statusCode(200)
                .body("status", equalTo("RETIRED"));
        given().auth().oauth2(MARKETING).contentType(ContentType.JSON).body(valid)
                .when().put("/api/v1/models/" + draft).then().statusCode(409);
    }

    @Test
    void activatingAVersionRetiresTheOldOneAndRescoresOpenLeadsInTheBackground() {
        int before = activeVersion();
        // a lead that the shipped model leaves a LEAD: one page view, no fit
        String email = "model." + UUID.randomUUID() + "@acme.example";
        String id = given().auth().oauth2(FORMS).contentType(ContentType.JSON)
                .body("{\"email\": \"" + email + "\", \"country\": \"DE\"}").when().post("/api/v1/leads")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(FORMS).contentType(ContentType.JSON)
                .body("[{\"eventId\": \"m-" + id + "\", \"email\": \"" + email + "\", \"type\": \"page_view\","
                        + " \"url\": \"https://acme.example/blog\", \"occurredAt\": \"" + Instant.now() + "\"}]")
                .when().post("/api/v1/events").then().statusCode(202);
        given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + id).then().body("lifecycleStage", equalTo("LEAD"));

        int draft = draftFrom(null);
        given().auth().oauth2(MARKETING).contentType(ContentType.JSON).body(GERMANY_FIRST).when().put("/api/v1/models/" + draft).then().statusCode(200);
        try {
            given().auth().oauth2(ADMIN).when().post("/api/v1/models/" + draft + "/activate").then().statusCode(200)
                    .body("status", equalTo("ACTIVE")).body("rescore.total", greaterThanOrEqualTo(1));
            given().auth().oauth2(REP).when().get("/api/v1/models/" + before).then().body("status", equalTo("RETIRED"));
            assertEquals(draft, activeVersion());
            given().auth().oauth2(ADMIN).when().post("/api/v1/models/" + draft + "/activate").then().statusCode(409);

            // the re-score runs on the timers: the open lead qualifies under the new model and is handed off
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(MARKETING)
                    .when().get("/api/v1/leads/" + id).then().body("lifecycleStage", equalTo("MQL"))
                    .body("score.modelVersion", equalTo(draft)).body("score.fitTier", equalTo("A")));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonPath m = given().auth().oauth2(REP).when().get("/api/v1/models/" + draft).then().extract().jsonPath();
                assertEquals(m.getInt("rescore.total"), m.getInt("rescore.done"));
            });
            given().auth().oauth2(REP).when().get("/api/v1/models/" + draft + "/history").then()
                    .body("action", hasItem("ACTIVATED"));
        } finally {
            // leave the shipped model active for the other tests
            int back = draftFrom(before);
            given().auth().oauth2(ADMIN).when().post("/api/v1/models/" + back + "/activate").then().statusCode(200);
        }
    }

    String leadWithPageView(String source, String country) {
        String email = "bt." + UUID.randomUUID() + "@acme.example";
        String id = given().auth().oauth2(FORMS).contentType(ContentType.JSON)
                .body("{\"email\": \"" + email + "\", \"country\": \"" + country + "\", \"source\": \"" + source + "\"}")
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("id");
        given().auth().oauth2(FORMS).contentType(ContentType.JSON)
                .body("[{\"eventId\": \"bt-" + id + "\", \"email\": \"" + email + "\", \"type\": \"page_view\","
                        + " \"url\": \"https://acme.example/blog\", \"occurredAt\": \"" + Instant.now() + "\"}]")
                .when().post("/api/v1/events").then().statusCode(202);
        return id;
    }

    @Test
    void aBacktestSetsADraftNextToTheActiveModelOnStoredHistoryWithoutChangingIt() {
        String source = "bt-" + UUID.randomUUID();
        String germanLead = leadWithPageView(source, "DE");
        String acceptedGermanLead = leadWithPageView(source, "DE");
        String rejectedGermanLead = leadWithPageView(source, "DE");
        String frenchLead = leadWithPageView(source, "FR");
        // sales took one of them to SQL already: a known, good outcome
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update lead set lifecycle_stage = 'SQL' where id = :id")
                .setParameter("id", UUID.fromString(acceptedGermanLead)).executeUpdate());
        // and rejected another for bad timing (recycled since): a known, bad outcome
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update lead set lifecycle_stage = 'RECYCLED' where id = :id")
                    .setParameter("id", UUID.fromString(rejectedGermanLead)).executeUpdate();
            em.createNativeQuery("insert into sales_feedback (lead_id, verdict, reason, at) values (:id, 'REJECTED', 'BAD_TIMING', now())")
                    .setParameter("id", UUID.fromString(rejectedGermanLead)).executeUpdate();
        });
        int draft = draftFrom(null);
        given().auth().oauth2(MARKETING).contentType(ContentType.JSON).body(GERMANY_FIRST).when().put("/api/v1/models/" + draft).then().statusCode(200);

        JsonPath r = given().auth().oauth2(MARKETING).queryParam("source", source)
                .when().post("/api/v1/models/" + draft + "/backtest").then().statusCode(200).extract().jsonPath();
        assertEquals(4, r.getInt("leads"));
        assertEquals(3, r.getInt("candidate.mqls"));
        assertEquals(0, r.getInt("active.mqls"), "the shipped model needs fit the DE leads lack");
        assertEquals(2, r.getInt("candidate.withOutcome"));
        assertEquals(0.5, r.getDouble("candidate.acceptanceRate"));
        assertEquals(0.5, r.getDouble("candidate.sqlRate"));
        assertEquals(3, r.getInt("candidate.byFitTier.A.mqls"));
        assertEquals(3, r.getInt("changed"));
        assertEquals(java.util.Set.of(germanLead, acceptedGermanLead, rejectedGermanLead),
                java.util.Set.copyOf(r.getList("changes.leadId")));
        assertEquals("SQL", r.getString("changes.find { it.leadId == '" + acceptedGermanLead + "' }.outcome"));
        assertEquals("REJECTED BAD_TIMING", r.getString("changes.find { it.leadId == '" + rejectedGermanLead + "' }.outcome"));
        assertEquals("MQL WARM", r.getString("changes[0].candidate"));
        assertEquals(1, given().auth().oauth2(MARKETING).queryParam("source", source).queryParam("size", 1)
                .queryParam("page", 1).when().post("/api/v1/models/" + draft + "/backtest").then().statusCode(200)
                .extract().jsonPath().getList("changes").size(), "paged");
        // it only read: the leads are as they were
        given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + germanLead).then().body("lifecycleStage", equalTo("LEAD"));
        given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + frenchLead).then().body("lifecycleStage", equalTo("LEAD"));
        given().auth().oauth2(REP).when().post("/api/v1/models/" + draft + "/backtest").then().statusCode(403);
    }

    @Test
    void aRescoreInterruptedByAFailingBatchResumesWhereItStoppedOnceTheCauseIsGone() {
        int before = activeVersion();
        // a lead whose re-score the database refuses, as a crash or an outage would stop the job
        String stuck = leadWithPageView("rescore-" + UUID.randomUUID(), "DE");
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    create or replace function test_refuse_rescore() returns trigger language plpgsql as $$
                    begin raise exception 'lead % refused by the test', new.id; end $$""").executeUpdate();
            em.createNativeQuery("create trigger test_refuse_rescore before update on lead for each row when (new.id = '"
                    + stuck + "') execute function test_refuse_rescore()").executeUpdate();
        });
        int draft = draftFrom(before);
        try {
            int total = given().auth().oauth2(ADMIN).when().post("/api/v1/models/" + draft + "/activate").then()
                    .statusCode(200).extract().path("rescore.total");
            // the batch holding the refused lead rolls back and is retried with backoff, never skipped
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonPath m = given().auth().oauth2(REP).when().get("/api/v1/models/" + draft).then().extract().jsonPath();
                assertEquals(true, m.getInt("rescore.done") < total, "stopped at the refused batch");
            });
            Integer doneWhileStuck = given().auth().oauth2(REP).when().get("/api/v1/models/" + draft).then()
                    .extract().path("rescore.done");
            QuarkusTransaction.requiringNew().run(() -> em
                    .createNativeQuery("drop trigger test_refuse_rescore on lead").executeUpdate());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonPath m = given().auth().oauth2(REP).when().get("/api/v1/models/" + draft).then().extract().jsonPath();
                assertEquals(m.getInt("rescore.total"), m.getInt("rescore.done"));
            });
            given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + stuck).then()
                    .body("score.modelVersion", equalTo(draft));
            assertEquals(true, doneWhileStuck < total);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em
                    .createNativeQuery("drop trigger if exists test_refuse_rescore on lead").executeUpdate());
            int back = draftFrom(before);
            given().auth().oauth2(ADMIN).when().post("/api/v1/models/" + back + "/activate").then().statusCode(200);
        }
    }
}
