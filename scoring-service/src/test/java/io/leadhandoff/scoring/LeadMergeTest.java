package io.leadhandoff.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
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
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Two leads that are one person merge: touches and history combine, scores recompute, the others are told. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class LeadMergeTest {

    static final String FORMS = Tokens.of("web-forms", Roles.INTEGRATION);
    static final String MARKETING = Tokens.of("marta", Roles.MARKETING);

    @Test
    void theSurvivorHoldsBothHistoriesAndTheOldEmailFindsIt() {
        String work = "dana." + UUID.randomUUID() + "@acme.example";
        String personal = "dana." + UUID.randomUUID() + "@gmail.com";
        String survivor = ActivityResourceTest.createLead(work);                       // fit 30, no intent yet
        AccountResourceTest.touch(work, "page_view", "https://acme.example/pricing");   // intent 10
        String other = given().auth().oauth2(FORMS).contentType(ContentType.JSON)
                .body("{\"email\": \"" + personal + "\", \"lastName\": \"Kim\"}").when().post("/api/v1/leads")
                .then().statusCode(201).extract().path("id");
        AccountResourceTest.touch(personal, "page_view", "https://acme.example/case-study"); // intent 8, on the other lead

        try (BrokerProbe broker = new BrokerProbe(); BrokerProbe.Listener merged = broker.listen(EventType.LEAD_MERGED)) {
            given().auth().oauth2(MARKETING).contentType(ContentType.JSON).body("{\"otherId\": \"" + other + "\"}")
                    .when().post("/api/v1/leads/" + survivor + "/merge").then().statusCode(200)
                    .body("score.intent", equalTo(18)).body("lifecycleStage", equalTo("MQL"));
            JsonPath event = JsonPath.from(merged.await(m -> m.contains("lead.merged") && m.contains(other),
                    Duration.ofSeconds(10)));
            assertEquals(survivor, event.getString("data.leadId"));
            assertEquals(personal, event.getString("data.mergedEmail"));
        }
        given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + other).then().statusCode(200)
                .body("mergedInto", equalTo(survivor));
        // the personal address's next touch lands on the survivor
        AccountResourceTest.touch(personal, "webinar_attended", null);
        given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + survivor + "/explanation").then()
                .body("rules.rule", org.hamcrest.Matchers.hasItems("pricing-page", "case-study", "webinar"));
        given().auth().oauth2(MARKETING).contentType(ContentType.JSON).body("{\"otherId\": \"" + other + "\"}")
                .when().post("/api/v1/leads/" + survivor + "/merge").then().statusCode(409);
        given().auth().oauth2(MARKETING).contentType(ContentType.JSON).body("{\"otherId\": \"" + survivor + "\"}")
                .when().post("/api/v1/leads/" + survivor + "/merge").then().statusCode(400);
        given().auth().oauth2(MARKETING).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/leads/" + survivor + "/merge").then().statusCode(400);
    }
}
