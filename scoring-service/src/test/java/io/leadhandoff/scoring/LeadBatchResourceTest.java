package io.leadhandoff.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A batch of leads in one transaction: created or updated by normalised email, all or nothing,
 * bounded. (The path's colon is sent as is: rest-assured would percent-encode it.)
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class LeadBatchResourceTest {

    static final String FORMS = Tokens.of("web-forms", Roles.INTEGRATION);
    static final String MARKETING = Tokens.of("marta", Roles.MARKETING);

    static String leads(List<String> emails) {
        List<String> items = new ArrayList<>();
        for (String e : emails) {
            items.add("{\"email\": \"" + e + "\", \"country\": \"DE\", \"source\": \"list-import\"}");
        }
        return "[" + String.join(",", items) + "]";
    }

    @Test
    void aBatchCreatesAndUpdatesByNormalisedEmailInOrder() {
        String known = "known." + UUID.randomUUID() + "@acme.example";
        String knownId = ActivityResourceTest.createLead(known);
        String fresh = "fresh." + UUID.randomUUID() + "@acme.example";
        given().urlEncodingEnabled(false).auth().oauth2(FORMS).contentType(ContentType.JSON)
                .body(leads(List.of(known.toUpperCase(), fresh, " " + fresh + " ")))
                .when().post("/api/v1/leads:batch").then().statusCode(200)
                .body("created", equalTo(1)).body("updated", equalTo(2))
                .body("items[0].id", equalTo(knownId)).body("items[0].created", equalTo(false))
                .body("items[1].created", equalTo(true)).body("items[2].created", equalTo(false))
                .body("items[2].id", equalTo(given().urlEncodingEnabled(false).auth().oauth2(FORMS).contentType(ContentType.JSON)
                        .body(leads(List.of(fresh))).when().post("/api/v1/leads:batch").then().extract()
                        .path("items[0].id")));
        given().auth().oauth2(MARKETING).when().get("/api/v1/leads/" + knownId).then().body("country", equalTo("DE"));
    }

    @Test
    void oneInvalidLeadRefusesTheBatchAndTooManyIsA413() {
        String good = "good." + UUID.randomUUID() + "@acme.example";
        given().urlEncodingEnabled(false).auth().oauth2(FORMS).contentType(ContentType.JSON)
                .body("[{\"email\": \"" + good + "\"}, {\"email\": \"not-an-email\"}]")
                .when().post("/api/v1/leads:batch").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("[1].email"));
        // nothing of it was stored: the good one is still new
        given().urlEncodingEnabled(false).auth().oauth2(FORMS).contentType(ContentType.JSON).body(leads(List.of(good)))
                .when().post("/api/v1/leads:batch").then().statusCode(200).body("created", equalTo(1));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add("m" + i + "@acme.example");
        }
        given().urlEncodingEnabled(false).auth().oauth2(FORMS).contentType(ContentType.JSON).body(leads(many))
                .when().post("/api/v1/leads:batch").then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("at most 1000"));
        given().urlEncodingEnabled(false).auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).contentType(ContentType.JSON).body(leads(List.of(good)))
                .when().post("/api/v1/leads:batch").then().statusCode(403);
    }
}
