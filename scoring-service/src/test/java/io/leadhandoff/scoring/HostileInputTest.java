package io.leadhandoff.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.RawHttp;
import io.leadhandoff.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
    void aPropertyNumberBeyondADoubleIsRefusedNotStoredAsText() {
        refusedEvents(event(email(), Instant.now().toString(), "{\"budget\": 1e400}"), "out of range");
        refusedEvents(event(email(), Instant.now().toString(), "{\"a\": [{\"b\": -1e999}]}"), "out of range");
        given().auth().oauth2(FORMS).contentType(ContentType.JSON)
                .body(event(email(), Instant.now().toString(), "{\"budget\": 123456789012345678901234567890, \"tiny\": 1e-400}"))
                .when().post("/api/v1/events").then().statusCode(202);
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

    @Test
    void aBodyThatIsNotUtf8IsRefusedNotReadAsOtherCharacters() {
        String email = email();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("{\"email\": \"" + email + "\", \"firstName\": \"A").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(new byte[] { (byte) 0xC0, (byte) 0xAF }); // an overlong '/'
        body.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        RawHttp.Answer answer = RawHttp.postJson("/api/v1/leads", FORMS, body.toByteArray());
        assertEquals(400, answer.status());
        assertTrue(answer.isProblem());
        assertTrue(answer.body().contains("not valid UTF-8"), answer.body());
        // nothing was stored: the same lead, well-formed, is new
        given().auth().oauth2(FORMS).contentType(ContentType.JSON).body("{\"email\": \"" + email + "\"}")
                .when().post("/api/v1/leads").then().statusCode(201);
    }

    @Test
    void whatTheHttpLayerRefusesIsAProblemToo() {
        String admin = Tokens.of("ada", Roles.REVOPS_ADMIN);
        RawHttp.Answer tooLong = RawHttp.get("/api/v1/admin/notifications?about=" + "x".repeat(10_000), admin);
        assertEquals(414, tooLong.status());
        assertTrue(tooLong.isProblem(), tooLong.toString());

        RawHttp.Answer tooLarge = RawHttp.postJson("/api/v1/events", FORMS,
                ("[" + "1,".repeat(5_400_000) + "1]").getBytes(StandardCharsets.US_ASCII));
        assertEquals(413, tooLarge.status());
        assertTrue(tooLarge.isProblem(), tooLarge.toString());

        RawHttp.Answer brokenEscape = RawHttp.get("/api/v1/admin/notifications?about=%zz", admin);
        assertEquals(400, brokenEscape.status());
        assertTrue(brokenEscape.isProblem());
        assertTrue(brokenEscape.body().contains("Query parameter about has a broken percent escape"), brokenEscape.body());

        RawHttp.Answer nul = RawHttp.get("/api/v1/admin/notifications?about=a%00b", admin);
        assertEquals(400, nul.status());
        assertTrue(nul.body().contains("NUL"), nul.body());

        RawHttp.Answer notUtf8 = RawHttp.get("/api/v1/leads/%C0%AF", MARKETING);
        assertEquals(400, notUtf8.status());
        assertTrue(notUtf8.isProblem());
    }
}
