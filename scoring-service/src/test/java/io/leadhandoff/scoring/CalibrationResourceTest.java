package io.leadhandoff.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;

import io.leadhandoff.common.security.Roles;
import io.leadhandoff.scoring.calibration.CalibratorTest;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

/** Calibration from a CSV export over HTTP: fitted, stored, readable; bad input answered with what is wrong. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class CalibrationResourceTest {

    static final String MARKETING = Tokens.of("marta", Roles.MARKETING);

    @Test
    void aCsvExportIsCalibratedAndStored() {
        String id = given().auth().oauth2(MARKETING).contentType("text/csv").body(CalibratorTest.history(';'))
                .queryParam("outcome", "Converted").queryParam("positive", "yes").queryParam("exclude", "Notes")
                .queryParam("missing", "Select")
                .when().post("/api/v1/calibrations").then().statusCode(201)
                .body("result.rowsUsed", equalTo(4000)).body("result.holdOutAuc", greaterThan(0.75f))
                .body("result.strongest[0].value", equalTo("Referral"))
                .body("result.strongest[0].suggestedPoints", equalTo(20))
                .body("result.thresholds.size()", equalTo(9))
                .extract().path("id");
        given().auth().oauth2(Tokens.of("ada", Roles.REVOPS_ADMIN)).when().get("/api/v1/calibrations/" + id)
                .then().statusCode(200).body("createdBy", equalTo("marta")).body("settings.outcome", equalTo("Converted"));
        // the suggestion becomes a draft whose rules read the lead's custom attributes
        given().auth().oauth2(MARKETING).when().post("/api/v1/calibrations/" + id + "/draft").then().statusCode(201)
                .body("status", equalTo("DRAFT"))
                .body("definition.rules[0].condition.attribute", equalTo("attributes.Lead Source"))
                .body("definition.rules[0].condition.value", equalTo("Referral"))
                .body("definition.rules[0].points", equalTo(20))
                .body("definition.policy.minFit", equalTo(20))
                // a numeric column: points from one standard deviation above the mean (visits 0-11: about 9)
                .body("definition.rules.find { it.condition.attribute == 'attributes.Visits' }.condition.op", equalTo("range"))
                .body("definition.rules.find { it.condition.attribute == 'attributes.Visits' }.condition.min",
                        both(greaterThan(8.5f)).and(lessThan(9.5f)))
                .body("definition.rules.find { it.condition.attribute == 'attributes.Visits' }.points", greaterThan(0));
        given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).contentType("text/csv").body("a,b\n1,2\n")
                .queryParam("outcome", "b").queryParam("positive", "1").when().post("/api/v1/calibrations")
                .then().statusCode(403);
    }

    @Test
    void inputThatCannotBeCalibratedIsAProblemNamingWhy() {
        given().auth().oauth2(MARKETING).contentType("text/csv").body(CalibratorTest.history(','))
                .when().post("/api/v1/calibrations").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("outcome and positive are required"));
        given().auth().oauth2(MARKETING).contentType("text/csv").body(CalibratorTest.history(','))
                .queryParam("outcome", "Won").queryParam("positive", "yes").when().post("/api/v1/calibrations")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("'Won' is not in the header"));
        given().auth().oauth2(MARKETING).contentType("text/csv").body("Source,Converted\nweb,1\nads,1\n")
                .queryParam("outcome", "Converted").queryParam("positive", "1").when().post("/api/v1/calibrations")
                .then().statusCode(422).body("detail", containsString("same outcome"));
        given().auth().oauth2(MARKETING).contentType("text/csv").body("")
                .queryParam("outcome", "Converted").queryParam("positive", "1").when().post("/api/v1/calibrations")
                .then().statusCode(422).body("detail", containsString("empty"));
        given().auth().oauth2(MARKETING).contentType("text/csv")
                .body(new byte[] { 'a', ',', 'b', '\n', (byte) 0xC0, (byte) 0xAF, ',', '1', '\n' })
                .queryParam("outcome", "b").queryParam("positive", "1").when().post("/api/v1/calibrations")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(MARKETING).contentType("text/csv").body("Source,Converted\n\"unterminated,1\nweb,0\n")
                .queryParam("outcome", "Converted").queryParam("positive", "1").when().post("/api/v1/calibrations")
                .then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(MARKETING).contentType("text/csv").body("Source,Source,Converted\nweb,ads,1\nads,web,0\n")
                .queryParam("outcome", "Converted").queryParam("positive", "1").when().post("/api/v1/calibrations")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("names the column 'Source' twice"));
        given().auth().oauth2(MARKETING).when().get("/api/v1/calibrations/" + java.util.UUID.randomUUID())
                .then().statusCode(404);
    }
}
