package io.leadhandoff.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.TestClock;
import io.leadhandoff.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Intent fades without new touches: under a two-tier model with a one-day half-life, an MQL kept
 * in nurture drops back to LEAD when its decayed intent crosses the threshold, on the shared
 * timers, with nothing new happening.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class DecayRefreshTest {

    static final String ADMIN = Tokens.of("ada", Roles.REVOPS_ADMIN);
    static final String FORMS = Tokens.of("web-forms", Roles.INTEGRATION);

    @Inject
    TestClock clock;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void anMqlInNurtureFallsBackWhenItsIntentFades() {
        int before = ModelResourceTest.activeVersion();
        int draft = ModelResourceTest.draftFrom(null);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("""
                {"name": "Fast fade", "rules": [
                  {"id": "dach", "kind": "FIELD", "feeds": "FIT", "points": 30,
                   "condition": {"op": "equals", "attribute": "country", "value": "AT"}},
                  {"id": "pricing", "kind": "BEHAVIOUR", "feeds": "INTENT", "points": 20,
                   "behaviour": {"eventType": "page_view", "url": "*/pricing*", "minCount": 1, "windowDays": 30}}],
                 "policy": {"minFit": 20, "minIntent": 15, "fastTrack": ["demo_request"], "twoTier": true,
                            "fitTiers": {"a": 30, "b": 10}, "decay": {"mode": "HALF_LIFE", "days": 1}}}
                """).when().put("/api/v1/models/" + draft).then().statusCode(200);
        given().auth().oauth2(ADMIN).when().post("/api/v1/models/" + draft + "/activate").then().statusCode(200);
        try {
            String email = "fade." + UUID.randomUUID() + "@acme.example";
            String id = given().auth().oauth2(FORMS).contentType(ContentType.JSON)
                    .body("{\"email\": \"" + email + "\", \"country\": \"AT\"}").when().post("/api/v1/leads")
                    .then().statusCode(201).extract().path("id");
            given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("[" + ActivityResourceTest.event("f-" + id,
                    email, "page_view", "https://acme.example/pricing", "null") + "]").when().post("/api/v1/events")
                    .then().statusCode(202);
            given().auth().oauth2(ADMIN).when().get("/api/v1/leads/" + id).then()
                    .body("lifecycleStage", equalTo("MQL")).body("priority", equalTo("WARM"));

            // 20 points halving daily round below 15 after about 11 hours; not yet at 10, and nothing else happens
            clock.advance(Duration.ofHours(10));
            given().auth().oauth2(ADMIN).when().get("/api/v1/leads/" + id + "/explanation").then()
                    .body("stage", equalTo("MQL")).body("scores.intent", equalTo(15));
            clock.advance(Duration.ofHours(3));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                    .when().get("/api/v1/leads/" + id).then().body("lifecycleStage", equalTo("LEAD")));
            given().auth().oauth2(ADMIN).when().get("/api/v1/leads/" + id + "/timeline").then()
                    .body("to", hasItem("LEAD")).body("[-1].cause", startsWith("Intent faded below the threshold"));
        } finally {
            clock.reset();
            int back = ModelResourceTest.draftFrom(before);
            given().auth().oauth2(ADMIN).when().post("/api/v1/models/" + back + "/activate").then().statusCode(200);
        }
    }
}
