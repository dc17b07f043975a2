package io.leadhandoff.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** "Why MQL" at a glance, and the lifecycle timeline with causes, under the shipped model. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class LeadExplanationTest {

    static final String FORMS = Tokens.of("web-forms", Roles.INTEGRATION);
    static final String MARKETING = Tokens.of("marta", Roles.MARKETING);

    @Test
    void anMqlExplainsItselfWithItsRulesThresholdAndTheLeadsOwnWords() {
        String email = "why." + UUID.randomUUID() + "@acme.example";
        String id = ActivityResourceTest.createLead(email);
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("["
                + ActivityResourceTest.event("p-" + id, email, "page_view", "https://acme.example/pricing", "{\"title\": \"Pricing\"}")
                + "," + ActivityResourceTest.event("d-" + id, email, "demo_request", "https://acme.example/demo",
                        "{\"formName\": \"Book a demo\", \"What is your main challenge?\": \"Leads go cold\"}")
                + "]").when().post("/api/v1/events").then().statusCode(202);

        JsonPath why = given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + id + "/explanation")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("MQL", why.getString("stage"));
        assertEquals("HOT", why.getString("priority"));
        assertEquals(30, why.getInt("scores.fit"), "industry, seniority and size of the shipped model");
        assertEquals("A", why.getString("scores.fitTier"));
        assertTrue(why.getList("rules.rule").containsAll(java.util.List.of("industry", "pricing-page", "demo-request")));
        assertEquals("industry = Software", why.getString("rules.find { it.rule == 'industry' }.detail"));
        assertTrue(why.getString("rules.find { it.rule == 'demo-request' }.detail").contains("halving every 30 days"));
        assertTrue(why.getBoolean("threshold.metNow"));
        assertTrue(why.getString("threshold.qualifiedBecause").startsWith("Fast track: demo request"));
        assertEquals("Book a demo", why.getString("lastTouches[0].name"));
        assertEquals("Leads go cold", why.getString("lastTouches[0].answers.'What is your main challenge?'"));

        given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + id + "/timeline").then().statusCode(200)
                .body("to", hasItems("LEAD", "MQL")).body("[0].from", nullValue())
                .body("[1].cause", startsWith("Fast track: demo request"));
        given().auth().oauth2(Tokens.of("mike", Roles.SALES_MANAGER)).when().get("/api/v1/leads/" + id + "/explanation")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).when().get("/api/v1/leads/" + id + "/timeline")
                .then().statusCode(403);
    }

    @Test
    void aDisqualifiedLeadSaysWhyInItsTimeline() {
        String email = "student." + UUID.randomUUID() + "@university.example";
        String id = given().auth().oauth2(FORMS).contentType(ContentType.JSON)
                .body("{\"email\": \"" + email + "\", \"jobTitle\": \"Student of economics\"}").when().post("/api/v1/leads")
                .then().statusCode(201).body("lifecycleStage", equalTo("DISQUALIFIED")).extract().path("id");
        given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + id + "/timeline").then().statusCode(200)
                .body("[1].from", equalTo("LEAD")).body("[1].to", equalTo("DISQUALIFIED"))
                .body("[1].cause", startsWith("Disqualified by Student or job seeker (jobTitle = Student of economics)"));
        given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + UUID.randomUUID() + "/timeline")
                .then().statusCode(404);
    }
}
