package io.leadhandoff.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.TestEvents;
import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.TeamChanged;
import io.leadhandoff.common.event.Priority;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class LeadResourceTest {

    static final String MARKETING = Tokens.of("marta", Roles.MARKETING);

    @Inject
    EventCodec codec;

    static String icpLead(String email) {
        return """
                {"email": "%s", "firstName": "Dana", "lastName": "Kim", "jobTitle": "Director of Sales Ops",
                 "seniority": "Director", "companyName": "Acme", "companyDomain": "acme.example",
                 "industry": "Software", "employees": 500, "country": "DE", "source": "webinar", "campaign": "q4-launch"}
                """.formatted(email);
    }

    @Test
    void createsThenUpdatesTheSameLeadByNormalisedEmail() {
        String email = "dana." + UUID.randomUUID() + "@acme.example";
        String id = given().auth().oauth2(MARKETING).contentType(ContentType.JSON).body(icpLead(email))
                .when().post("/api/v1/leads")
                .then().statusCode(201).header("Location", notNullValue())
                .body("email", equalTo(email))
                .body("score.fit", equalTo(30))
                .body("score.breakdown.rule", hasItem("company-size"))
                .body("lifecycleStage", equalTo("LEAD"))
                .extract().path("id");

        given().auth().oauth2(MARKETING).contentType(ContentType.JSON)
                .body("{\"email\": \"  " + email.toUpperCase() + " \", \"jobTitle\": \"VP Sales\"}")
                .when().post("/api/v1/leads")
                .then().statusCode(200).body("id", equalTo(id)).body("jobTitle", equalTo("VP Sales"))
                .body("industry", equalTo("Software"));

        given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + id)
                .then().statusCode(200).body("companyName", equalTo("Acme")).body("score.total", equalTo(30));
    }

    @Test
    void invalidLeadIsRejectedWithProblemDetailsAndNotStored() {
        String email = "nobody." + UUID.randomUUID() + "@acme.example";
        given().auth().oauth2(MARKETING).contentType(ContentType.JSON)
                .body("{\"email\": \"not-an-email\", \"employees\": -3}")
                .when().post("/api/v1/leads")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem("email"))
                .body("violations.field", hasItem("employees"));
        given().auth().oauth2(MARKETING).contentType(ContentType.JSON).body("{\"email\": ")
                .when().post("/api/v1/leads")
                .then().statusCode(400).contentType("application/problem+json").body("title", equalTo("Malformed JSON"));
        // nothing was stored under any email by the failures above: this one is new
        given().auth().oauth2(MARKETING).contentType(ContentType.JSON).body("{\"email\": \"" + email + "\"}")
                .when().post("/api/v1/leads").then().statusCode(201);
    }

    @Test
    void unknownLeadIsA404ProblemAndAMalformedIdA400() {
        given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("detail", notNullValue());
        given().auth().oauth2(MARKETING).when().get("/api/v1/leads/not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("id must be a UUID such as 3f2c1b9e-8d4a-4c1e-9a7b-2e5f6d8c0a11, got 'not-a-uuid'"));
    }

    @Test
    void aManagerReadsTheLeadsAssignedToHerTeamOnly() {
        String id = given().auth().oauth2(MARKETING).contentType(ContentType.JSON)
                .body(icpLead("team." + UUID.randomUUID() + "@acme.example"))
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("id");
        String maria = Tokens.of("maria", Roles.SALES_MANAGER);
        given().auth().oauth2(maria).when().get("/api/v1/leads/" + id)
                .then().statusCode(403).contentType("application/problem+json");

        UUID lead = UUID.fromString(id);
        Instant at = Instant.now();
        try (BrokerProbe broker = new BrokerProbe()) {
            broker.publish(EventType.LEAD_ASSIGNED, codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED,
                    "routing-service", id, new LeadAssigned(lead, UUID.randomUUID(), "sam", "maria", "Inbound EMEA",
                            Priority.HOT, at, at.plusSeconds(3600)))));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(maria)
                .when().get("/api/v1/leads/" + id).then().statusCode(200).body("id", equalTo(id)));
        given().auth().oauth2(Tokens.of("mike", Roles.SALES_MANAGER)).when().get("/api/v1/leads/" + id)
                .then().statusCode(403);
        given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + id).then().statusCode(200);
    }

    @Test
    void aTeamsNewManagerReadsItsLeadsAsRoutingsRosterSays() {
        String team = "Team " + UUID.randomUUID();
        String id = given().auth().oauth2(MARKETING).contentType(ContentType.JSON)
                .body(icpLead("roster." + UUID.randomUUID() + "@acme.example"))
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("id");
        UUID lead = UUID.fromString(id);
        UUID teamId = UUID.randomUUID();
        Instant at = Instant.now();
        String nina = Tokens.of("nina", Roles.SALES_MANAGER);
        try (BrokerProbe broker = new BrokerProbe()) {
            // assigned while mike managed the team; then nina takes it over (a late, older change is ignored)
            broker.publish(EventType.LEAD_ASSIGNED, codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED,
                    "routing-service", id, new LeadAssigned(lead, UUID.randomUUID(), "ed", "mike", team,
                            Priority.WARM, at, at.plusSeconds(86400)))));
            broker.publish(EventType.TEAM_CHANGED, codec.encode(TestEvents.wrap(EventType.TEAM_CHANGED,
                    "routing-service", teamId.toString(), new TeamChanged(teamId, team, "nina", null, at.plusSeconds(60)))));
            broker.publish(EventType.TEAM_CHANGED, codec.encode(TestEvents.wrap(EventType.TEAM_CHANGED,
                    "routing-service", teamId.toString(), new TeamChanged(teamId, team, "olga", null, at.plusSeconds(30)))));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(nina)
                .when().get("/api/v1/leads/" + id).then().statusCode(200).body("id", equalTo(id)));
        given().auth().oauth2(Tokens.of("olga", Roles.SALES_MANAGER)).when().get("/api/v1/leads/" + id)
                .then().statusCode(403);
        // what was assigned under mike stays readable to him
        given().auth().oauth2(Tokens.of("mike", Roles.SALES_MANAGER)).when().get("/api/v1/leads/" + id)
                .then().statusCode(200);
    }

    @Test
    void endpointsRequireATokenWithTheRightRole() {
        given().contentType(ContentType.JSON).body(icpLead("x@acme.example"))
                .when().post("/api/v1/leads").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).contentType(ContentType.JSON).body(icpLead("x@acme.example"))
                .when().post("/api/v1/leads").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("forms", Roles.INTEGRATION)).contentType(ContentType.JSON)
                .body(icpLead("int." + UUID.randomUUID() + "@acme.example"))
                .when().post("/api/v1/leads").then().statusCode(201);
        given().when().get("/api/v1/leads/" + UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).when().get("/api/v1/leads/" + UUID.randomUUID())
                .then().statusCode(403);
        given().auth().oauth2(Tokens.of("maria", Roles.SALES_MANAGER)).when().get("/api/v1/leads/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/leads'", notNullValue());
    }
}
