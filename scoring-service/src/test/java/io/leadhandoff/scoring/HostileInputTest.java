package io.leadhandoff.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Input a hostile or broken client sends, each answered with a 400 problem naming what is wrong,
 * storing nothing (and so breaking no later read).
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class HostileInputTest {

    static final String FORMS = Tokens.of("forms", Roles.INTEGRATION);
    static final String MARKETING = Tokens.of("marta", Roles.MARKETING);

    static String email() {
        return "h." + UUID.randomUUID() + "@acme.example";
    }

    static void refusedLead(String body, String detail) {
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body(body).when().post("/api/v1/leads")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString(detail));
    }

    static void refusedEvents(String body, String detail) {
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body(body).when().post("/api/v1/events")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString(detail));
    }

    static String event(String email, String occurredAt, String properties) {
        return """
                [{"eventId": "%s", "email": "%s", "type": "demo_request", "occurredAt": "%s", "properties": %s}]
                """.formatted(UUID.randomUUID(), email, occurredAt, properties);
    }

    @Test
    void deeplyNestedPropertiesAreRefusedAtTheDoor() {
        String deep = "{\"a\":".repeat(1000) + "1" + "}".repeat(1000);
        refusedEvents(event(email(), Instant.now().toString(), deep), "nesting depth");
        String fine = "{\"a\":".repeat(5) + "1" + "}".repeat(5);
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body(event(email(), Instant.now().toString(), fine))
                .when().post("/api/v1/events").then().statusCode(202);
    }

    @Test
    void aLongHostileEmailIsRefusedLikeAShortOne() {
        refusedLead("{\"email\": \"a@" + ".".repeat(16_000) + "\"}", "email");
        refusedLead("{\"email\": \"" + "\u0130".repeat(300) + "@acme.example\"}", "email");
        refusedLead("{\"email\": \"" + email() + "\", \"companyDomain\": \"" + "\u0130".repeat(200) + ".example\"}",
                "companyDomain");
    }

    @Test
    void anEmailWithUnicodeSpaceAroundItIsStoredInTheFormItWasMeasuredIn() {
        // 320 characters once stripped; an em space (U+2003) on each side is not white space to trim()
        String local = "u" + UUID.randomUUID().toString().replace("-", "");
        String email = local + "@" + "d".repeat(320 - local.length() - 1 - ".example".length()) + ".example";
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("{\"email\": \"\u2003" + email + "\u2003\"}")
                .when().post("/api/v1/leads").then().statusCode(201).body("email", org.hamcrest.Matchers.equalTo(email));
    }

    @Test
    void textThatCannotBeStoredIsRefused() {
        refusedLead("{\"email\": \"" + email() + "\", \"firstName\": \"Da\\u0000na\"}", "NUL");
        refusedLead("{\"email\": \"x\\ud800@acme.example\"}", "surrogate");
        refusedEvents(event(email(), Instant.now().toString(), "{\"answer\": \"a\\u0000b\"}"), "NUL");
        refusedEvents(event(email(), Instant.now().toString(), "{\"a\\u0000\": 1}"), "NUL");
    }

    @Test
    void aRepeatedKeyIsRefused() {
        refusedLead("{\"email\": \"" + email() + "\", \"firstName\": \"A\", \"firstName\": \"B\"}", "Duplicate field");
    }

    @Test
    void eventsFromTheFutureOrFarPastAreRefused() {
        refusedEvents(event(email(), "9999-01-01T00:00:00Z", "{}"), "[0].occurredAt");
        refusedEvents(event(email(), "1970-01-01T00:00:00Z", "{}"), "[0].occurredAt");
        given().auth().oauth2(FORMS).contentType(ContentType.JSON)
                .body(event(email(), "+1000000000-01-01T00:00:00Z", "{}")).when().post("/api/v1/events")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
