package io.leadhandoff.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Existing Segment pipelines point at us: identify, track and page, held until identified, once per messageId. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class SegmentIngestTest {

    static final String FORMS = Tokens.of("web-forms", Roles.INTEGRATION);
    static final String MARKETING = Tokens.of("marta", Roles.MARKETING);

    static String leadIdOf(String email) {
        return given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("{\"email\": \"" + email + "\"}")
                .when().post("/api/v1/leads").then().statusCode(200).extract().path("id");
    }

    @Test
    void aTrackCallWithTheEmailInItsContextBecomesATouchOnce() {
        String email = "seg." + UUID.randomUUID() + "@acme.example";
        String call = """
                {"type": "track", "messageId": "m-%s", "userId": "u-%s", "event": "Pricing Inquiry",
                 "properties": {"plan": "pro"}, "context": {"traits": {"email": "%s"}, "page": {"url": "https://acme.example/pricing"}},
                 "timestamp": "2026-11-29T04:00:00Z"}
                """.formatted(email, email, email);
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body(call).when().post("/api/v1/ingest/segment")
                .then().statusCode(200).body("accepted", equalTo(1)).body("duplicates", equalTo(0));
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body(call).when().post("/api/v1/ingest/segment")
                .then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        // "Pricing Inquiry" is the shipped model's pricing_inquiry: a fast track
        given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + leadIdOf(email)).then()
                .body("lifecycleStage", equalTo("MQL")).body("priority", equalTo("HOT"));
    }

    @Test
    void anonymousPageViewsWaitForTheIdentifyThatNamesThem() {
        String anon = "anon-" + UUID.randomUUID();
        String email = "seg." + UUID.randomUUID() + "@acme.example";
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("""
                {"batch": [
                  {"type": "page", "messageId": "p1-%s", "anonymousId": "%s", "name": "Pricing",
                   "properties": {"url": "https://acme.example/pricing"}, "timestamp": "2026-11-29T04:00:00Z"},
                  {"type": "page", "messageId": "p2-%s", "anonymousId": "%s",
                   "properties": {"url": "https://acme.example/case-study/x"}, "timestamp": "2026-11-29T04:01:00Z"}]}
                """.formatted(anon, anon, anon, anon)).when().post("/api/v1/ingest/segment")
                .then().statusCode(200).body("held", equalTo(2)).body("accepted", equalTo(0));
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("""
                {"type": "identify", "messageId": "i-%s", "anonymousId": "%s", "userId": "user-%s",
                 "traits": {"email": "%s", "first_name": "Ana", "title": "Head of Sales", "company": {"name": "Acme"},
                            "plan": "enterprise-trial", "seats": 40}}
                """.formatted(anon, anon, anon, email)).when().post("/api/v1/ingest/segment")
                .then().statusCode(200).body("identified", equalTo(1)).body("accepted", equalTo(2));
        String id = leadIdOf(email);
        given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + id).then()
                .body("firstName", equalTo("Ana")).body("jobTitle", equalTo("Head of Sales")).body("companyName", equalTo("Acme"))
                .body("attributes.plan", equalTo("enterprise-trial")).body("attributes.seats", equalTo(40))
                .body("score.breakdown.rule", hasItem("pricing-page"));
        // later calls with only the userId find the lead
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("""
                {"type": "track", "messageId": "t-%s", "userId": "user-%s", "event": "Webinar Attended"}
                """.formatted(anon, anon)).when().post("/api/v1/ingest/segment").then().statusCode(200)
                .body("accepted", equalTo(1)).body("held", equalTo(0));
    }

    @Test
    void callsThisEndpointCannotTakeAreProblemsAndNothingIsStored() {
        String email = "seg." + UUID.randomUUID() + "@acme.example";
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("""
                {"batch": [{"type": "page", "messageId": "ok-%s", "properties": {"email": "%s"}},
                           {"type": "alias", "messageId": "a-%s", "userId": "x"}]}
                """.formatted(email, email, email)).when().post("/api/v1/ingest/segment")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("batch[1].type")).body("detail", containsString("nothing was stored"));
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("{\"email\": \"" + email + "\"}")
                .when().post("/api/v1/leads").then().statusCode(201);
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("""
                {"type": "track", "messageId": "n-%s", "event": "Clicked"}""".formatted(email))
                .when().post("/api/v1/ingest/segment").then().statusCode(422)
                .body("detail", containsString("no email and no userId or anonymousId"));
        given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/ingest/segment").then().statusCode(403);
    }

    @jakarta.inject.Inject
    io.leadhandoff.scoring.segment.SegmentService segment;

    @jakarta.inject.Inject
    io.leadhandoff.testing.TestClock clock;

    @Test
    void callsNobodyIdentifiesAreDroppedAfterTheRetention() {
        String anon = "gone-" + UUID.randomUUID();
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("""
                {"type": "page", "messageId": "g-%s", "anonymousId": "%s", "properties": {"url": "https://acme.example/"}}
                """.formatted(anon, anon)).when().post("/api/v1/ingest/segment").then().statusCode(200)
                .body("held", equalTo(1));
        try {
            clock.advance(java.time.Duration.ofDays(31));
            org.junit.jupiter.api.Assertions.assertTrue(segment.purgeHeld() >= 1);
        } finally {
            clock.reset();
        }
        // identified later, nothing is left to release
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("""
                {"type": "identify", "messageId": "gi-%s", "anonymousId": "%s", "traits": {"email": "%s@acme.example"}}
                """.formatted(anon, anon, anon)).when().post("/api/v1/ingest/segment").then().statusCode(200)
                .body("identified", equalTo(1)).body("accepted", equalTo(0));
    }

    @Test
    void whatCannotBeStoredIsRefusedBeforeAnythingIsHeldOrStored() {
        String anon = "bad-" + UUID.randomUUID();
        // a call dated in year 9999 is refused at once: held, it would make its identify fail for good
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("""
                {"type": "page", "messageId": "f-%s", "anonymousId": "%s", "timestamp": "9999-01-01T00:00:00Z"}
                """.formatted(anon, anon)).when().post("/api/v1/ingest/segment").then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("call.timestamp"));
        // a messageId too long to key a touch
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("""
                {"type": "page", "messageId": "%s", "anonymousId": "%s"}
                """.formatted("m".repeat(195), anon)).when().post("/api/v1/ingest/segment").then().statusCode(400)
                .contentType("application/problem+json");
        // traits that do not fit the lead's fields are named, not truncated or failed on
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("""
                {"type": "identify", "messageId": "t-%s", "anonymousId": "%s",
                 "traits": {"email": "%s@acme.example", "seniority": "%s"}}
                """.formatted(anon, anon, anon, "s".repeat(150))).when().post("/api/v1/ingest/segment")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("call.traits.seniority"));
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("{\"email\": \"" + anon + "@acme.example\"}")
                .when().post("/api/v1/leads").then().statusCode(201);
    }
}
