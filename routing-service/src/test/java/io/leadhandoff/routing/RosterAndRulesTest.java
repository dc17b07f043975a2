package io.leadhandoff.routing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The roster, rules and owned accounts through the API, with real tokens per role, and the decisions they make. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class RosterAndRulesTest {

    static final String ADA = Tokens.of("ada", Roles.REVOPS_ADMIN);
    static final String MARIA = Tokens.of("maria", Roles.SALES_MANAGER);

    @Inject
    EventCodec codec;

    @BeforeEach
    @AfterEach
    void demoRules() {
        DemoRouting.restoreRules();
    }

    static String rep(String team, String extra) {
        return """
                {"displayName": "Test Rep", "email": "rep@lead-handoff.example", "team": "%s", "seniority": "AE",
                 "languages": ["en"], "weight": 2 %s}""".formatted(team, extra);
    }

    static void team(String name, String manager) {
        given().auth().oauth2(ADA).contentType(ContentType.JSON)
                .body("{\"managerLogin\": \"" + manager + "\", \"managerEmail\": \"" + manager + "@lead-handoff.example\"}")
                .when().put("/api/v1/teams/" + name).then().statusCode(200).body("name", equalTo(name));
    }

    Assignment routed(UUID lead, String country, Integer employees, String domain, Map<String, Object> attributes) {
        try (BrokerProbe broker = new BrokerProbe()) {
            broker.publish(EventType.LEAD_QUALIFIED,
                    RoutingEvents.leadQualified(codec, lead, Priority.WARM, country, employees, domain, attributes));
        }
        return await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> Assignment.<Assignment>find("leadId", lead).firstResult()), a -> a != null);
    }

    @Test
    void adminsWriteTheRosterManagersTheirOwnTeamsRepsOnlyAndEveryChangeIsAudited() {
        String team = "Team " + UUID.randomUUID().toString().substring(0, 8);
        String login = "rep-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(MARIA).contentType(ContentType.JSON).body("{\"managerLogin\": \"maria\"}")
                .when().put("/api/v1/teams/" + team).then().statusCode(403).contentType("application/problem+json");
        team(team, "mia");
        String mia = Tokens.of("mia", Roles.SALES_MANAGER);

        given().auth().oauth2(mia).contentType(ContentType.JSON).body(rep(team, ""))
                .when().put("/api/v1/reps/" + login).then().statusCode(200)
                .body("team", equalTo(team)).body("weight", equalTo(2)).body("status", equalTo("ACTIVE"));
        // not her team: neither the demo team nor moving her rep there
        given().auth().oauth2(mia).contentType(ContentType.JSON).body(rep("Inbound EMEA", ""))
                .when().put("/api/v1/reps/" + login).then().statusCode(403);
        given().auth().oauth2(MARIA).contentType(ContentType.JSON).body(rep(team, ""))
                .when().put("/api/v1/reps/" + login).then().statusCode(403).body("detail", containsString("not yours"));
        given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).contentType(ContentType.JSON).body(rep(team, ""))
                .when().put("/api/v1/reps/" + login).then().statusCode(403);

        String absence = given().auth().oauth2(mia).contentType(ContentType.JSON)
                .body("{\"startsAt\": \"2026-12-24T00:00:00Z\", \"endsAt\": \"2027-01-02T00:00:00Z\", \"note\": \"holidays\"}")
                .when().post("/api/v1/reps/" + login + "/absences").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).when().get("/api/v1/reps/" + login).then().statusCode(200)
                .body("absences[0].note", equalTo("holidays"));

        JsonPath changes = given().auth().oauth2(ADA).queryParam("kind", "REP").queryParam("key", login)
                .when().get("/api/v1/roster/changes").then().statusCode(200).extract().jsonPath();
        assertEquals("mia", changes.getString("[0].actor"));
        assertEquals(null, (Object) changes.get("[0].before"), "created");
        assertEquals(team, changes.getString("[0].after.team"));
        given().auth().oauth2(mia).contentType(ContentType.JSON).body(rep(team, ", \"weight\": 5".replace("weight", "w")))
                .when().put("/api/v1/reps/" + login).then().statusCode(400);
        given().auth().oauth2(mia).when().delete("/api/v1/reps/" + login + "/absences/" + absence).then().statusCode(204);
        given().auth().oauth2(ADA).queryParam("kind", "ABSENCE").queryParam("key", login).when().get("/api/v1/roster/changes")
                .then().statusCode(200).body("[0].after", nullValue()).body("[0].before.note", equalTo("holidays"));
    }

    @Test
    void rosterInputThatCannotBeUsedIsAProblemNamingTheField() {
        String team = "Team " + UUID.randomUUID().toString().substring(0, 8);
        team(team, "mia");
        String login = "rep-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(ADA).contentType(ContentType.JSON)
                .body(rep(team, ", \"workingHours\": {\"timeZone\": \"Mars/Olympus\", \"days\": {}}"))
                .when().put("/api/v1/reps/" + login).then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("Mars/Olympus"));
        given().auth().oauth2(ADA).contentType(ContentType.JSON)
                .body(rep(team, ", \"workingHours\": {\"timeZone\": \"Europe/Berlin\", \"days\": {\"MONDAY\": {\"from\": \"18:00\", \"to\": \"09:00\"}}}"))
                .when().put("/api/v1/reps/" + login).then().statusCode(422).body("detail", containsString("from must be before to"));
        given().auth().oauth2(ADA).contentType(ContentType.JSON).body(rep("No such team", ""))
                .when().put("/api/v1/reps/" + login).then().statusCode(422).body("violations[0].field", equalTo("team"));
        given().auth().oauth2(ADA).contentType(ContentType.JSON).body(rep(team, ", \"dailyCapacity\": 0"))
                .when().put("/api/v1/reps/" + login).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(ADA).when().get("/api/v1/reps/" + login).then().statusCode(404);
    }

    @Test
    void anInvalidRuleIsA422NamingItAndTheRulesStayAsTheyWere() {
        List<String> before = given().auth().oauth2(MARIA).when().get("/api/v1/routing-rules").then().statusCode(200)
                .extract().path("name");
        given().auth().oauth2(ADA).contentType(ContentType.JSON).body("""
                [{"name": "Germany", "condition": {"op": "equals", "attribute": "country", "value": "DE"},
                  "targetKind": "TEAM", "target": "Inbound EMEA"},
                 {"name": "Nowhere", "targetKind": "TEAM", "target": "No such team"},
                 {"name": "Odd", "condition": {"op": "equals", "attribute": "shoeSize", "value": 42},
                  "targetKind": "QUEUE", "target": "LIMBO"}]""")
                .when().put("/api/v1/routing-rules").then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", hasItem("[1].target"))
                .body("violations.field", hasItem("[2].target"))
                .body("violations.field", hasItem(startsWith("[2].condition")));
        given().auth().oauth2(MARIA).when().get("/api/v1/routing-rules").then().body("name", equalTo(before));
        given().auth().oauth2(MARIA).contentType(ContentType.JSON).body("[]").when().put("/api/v1/routing-rules")
                .then().statusCode(403);
    }

    @Test
    void anEnterpriseLeadGoesToASeniorAeAndTheExplanationSaysWhoWasPassedOverAndWhy() {
        Assignment a = routed(UUID.randomUUID(), "DE", 5000, "bigco-" + UUID.randomUUID() + ".example", Map.of());
        assertEquals("omar", a.ownerLogin);
        assertEquals("Enterprise", a.teamName);
        assertEquals("erik", a.managerLogin);
        JsonPath why = given().auth().oauth2(Tokens.of("erik", Roles.SALES_MANAGER))
                .when().get("/api/v1/assignments/" + a.id + "/explanation").then().statusCode(200).extract().jsonPath();
        assertEquals("Enterprise accounts", why.getString("decision.rule"));
        assertEquals("ENTERPRISE", why.getString("leadFacts.segment"));
        assertEquals("nina", why.getString("decision.skipped[0].login"));
        assertTrue(why.getString("decision.skipped[0].reason").startsWith("out of office until"),
                why.getString("decision.skipped[0].reason"));
        assertEquals("ASSIGNED", why.getString("history[0].action"));
        given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).when().get("/api/v1/assignments/" + a.id + "/explanation")
                .then().statusCode(403);
    }

    @Test
    void aFrenchLeadGoesToTheRepWhoSpeaksFrenchAndAnOwnedAccountToItsOwner() {
        Assignment french = routed(UUID.randomUUID(), "FR", 50, "petite-" + UUID.randomUUID() + ".example", Map.of());
        // lea speaks French; outside her Paris hours the pool gives her the lead anyway (it skips hours only while someone works)
        assertEquals("lea", french.ownerLogin);
        assertEquals("French-speaking leads", french.ruleName);

        String domain = "owned-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        given().auth().oauth2(ADA).contentType(ContentType.JSON).body("{\"name\": \"Owned Co\", \"ownerLogin\": \"sue\"}")
                .when().put("/api/v1/account-owners/" + domain).then().statusCode(200).body("ownerLogin", equalTo("sue"));
        given().auth().oauth2(ADA).contentType(ContentType.JSON).body("{\"ownerLogin\": \"nobody\"}")
                .when().put("/api/v1/account-owners/" + domain).then().statusCode(422);
        Assignment owned = routed(UUID.randomUUID(), "DE", 50, domain, Map.of());
        assertEquals("sue", owned.ownerLogin);
        assertEquals("account " + domain, owned.ruleName);
        given().auth().oauth2(ADA).when().delete("/api/v1/account-owners/" + domain).then().statusCode(204);
    }

    @Test
    void aDepartedRepsOpenLeadsAreRoutedAgainAtOnceWithTheReason() {
        String team = "Team " + UUID.randomUUID().toString().substring(0, 8);
        team(team, "mia");
        String leaving = "leaving-" + UUID.randomUUID().toString().substring(0, 8);
        String staying = "staying-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(ADA).contentType(ContentType.JSON).body(rep(team, "")).when().put("/api/v1/reps/" + leaving)
                .then().statusCode(200);
        given().auth().oauth2(ADA).contentType(ContentType.JSON).body("""
                [{"name": "Test team", "condition": {"op": "equals", "attribute": "attributes.team", "value": "%s"},
                  "targetKind": "TEAM", "target": "%s"}]""".formatted(team, team))
                .when().put("/api/v1/routing-rules").then().statusCode(200);
        Assignment a = routed(UUID.randomUUID(), "DE", 50, "acme.example", Map.of("team", team));
        assertEquals(leaving, a.ownerLogin);

        given().auth().oauth2(ADA).contentType(ContentType.JSON).body(rep(team, "")).when().put("/api/v1/reps/" + staying)
                .then().statusCode(200);
        try (BrokerProbe broker = new BrokerProbe(); BrokerProbe.Listener reassigned = broker.listen(EventType.LEAD_REASSIGNED);
                BrokerProbe.Listener roster = broker.listen(EventType.REP_CHANGED)) {
            given().auth().oauth2(Tokens.of("mia", Roles.SALES_MANAGER)).contentType(ContentType.JSON)
                    .body(rep(team, ", \"status\": \"DEPARTED\"")).when().put("/api/v1/reps/" + leaving).then().statusCode(200);
            // reporting audits routing against the roster: the departure is announced
            JsonPath departed = JsonPath.from(roster.await(m -> m.contains(leaving), Duration.ofSeconds(10)));
            assertEquals("DEPARTED", departed.getString("data.status"));
            assertEquals(team, departed.getString("data.team"));
            assertEquals(2, departed.getInt("data.weight"));
            JsonPath event = JsonPath.from(reassigned.await(m -> m.contains(a.id.toString()), Duration.ofSeconds(10)));
            assertEquals(leaving, event.getString("data.previousOwner"));
            assertEquals(staying, event.getString("data.owner"));
            assertEquals(leaving + " departed", event.getString("data.reason"));
            assertEquals("mia", event.getString("data.actor"));
        }
        JsonPath why = given().auth().oauth2(ADA).when().get("/api/v1/assignments/" + a.id + "/explanation").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(staying, why.getString("owner"));
        assertEquals("REASSIGNED", why.getString("history[1].action"));
        assertTrue(why.getString("history[1].reason").startsWith(leaving + " departed"), why.getString("history[1].reason"));
        assertTrue(Instant.parse(why.getString("history[1].at")).isAfter(Instant.parse(why.getString("history[0].at"))));
    }
}
