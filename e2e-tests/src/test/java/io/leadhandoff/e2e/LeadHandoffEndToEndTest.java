package io.leadhandoff.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real pieces, as a user runs them: {@code ./stack up} (embedded PostgreSQL, Artemis, Keycloak
 * and the four packaged services, on ports of their own), one lead through all four HTTP APIs with
 * Keycloak tokens, then {@code ./stack down} leaving nothing running.
 */
class LeadHandoffEndToEndTest {

    static final Path ROOT = Path.of(System.getProperty("stack.root", "..")).toAbsolutePath().normalize();
    static final Path STACK_DIR = Path.of(System.getProperty("stack.dir", "target/e2e-stack"));
    // away from the defaults, so a developer's own ./stack does not collide
    static final Map<String, String> PORTS = Map.of(
            "PG_PORT", "25432", "AMQP_PORT", "25672", "KEYCLOAK_PORT", "28180", "KEYCLOAK_MANAGEMENT_PORT", "29180",
            "SCORING_PORT", "28081", "ROUTING_PORT", "28082", "SLA_PORT", "28083", "REPORTING_PORT", "28084");
    static final String TOKEN_URL = "http://127.0.0.1:28180/realms/lead-handoff/protocol/openid-connect/token";

    @BeforeAll
    static void up() throws Exception {
        stack("up", Duration.ofMinutes(10));
    }

    @AfterAll
    static void down() throws Exception {
        stack("down", Duration.ofMinutes(2));
        try (Stream<Path> pids = Files.exists(STACK_DIR.resolve("pids")) ? Files.list(STACK_DIR.resolve("pids")) : Stream.empty()) {
            assertEquals(List.of(), pids.toList(), "./stack down leaves no PID behind");
        }
    }

    static void stack(String command, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("stack").toString(), command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        Files.createDirectories(STACK_DIR).resolve("stack-" + command + ".out").toFile()));
        pb.environment().putAll(PORTS);
        pb.environment().put("STACK_DIR", STACK_DIR.toAbsolutePath().toString());
        Process p = pb.start();
        assertTrue(p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS), "./stack " + command + " finished in time");
        assertEquals(0, p.exitValue(), "./stack " + command + " succeeded; see " + STACK_DIR + "/stack-" + command + ".out");
    }

    static String userToken(String user) {
        return given().formParams("grant_type", "password", "client_id", "handoff-cli", "username", user,
                "password", user + "-demo").when().post(TOKEN_URL).then().statusCode(200).extract().path("access_token");
    }

    static String formsToken() {
        return given().formParams("grant_type", "client_credentials", "client_id", "web-forms", "client_secret",
                "web-forms-demo").when().post(TOKEN_URL).then().statusCode(200).extract().path("access_token");
    }

    @Test
    void oneLeadTravelsThroughAllFourServices() {
        String forms = formsToken();
        String maria = userToken("maria");
        String email = "dana." + UUID.randomUUID() + "@acme.example";

        String leadId = given().auth().oauth2(forms).contentType(ContentType.JSON).body("""
                {"email": "%s", "firstName": "Dana", "lastName": "Kim", "jobTitle": "Director of Sales Ops",
                 "seniority": "Director", "companyName": "Acme", "companyDomain": "acme.example", "industry": "Software",
                 "employees": 500, "country": "DE", "source": "webinar", "campaign": "q4-launch"}
                """.formatted(email))
                .when().post("http://127.0.0.1:28081/api/v1/leads").then().statusCode(201).extract().path("id");

        given().auth().oauth2(forms).contentType(ContentType.JSON).body("""
                [{"eventId": "e2e-%s", "email": "%s", "type": "demo_request", "url": "https://acme.example/demo",
                  "occurredAt": "%s", "properties": {"What is your main challenge?": "Leads go cold"}}]
                """.formatted(leadId, email, Instant.now()))
                .when().post("http://127.0.0.1:28081/api/v1/events").then().statusCode(202).body("accepted", equalTo(1));

        given().auth().oauth2(userToken("marta")).when().get("http://127.0.0.1:28081/api/v1/leads/" + leadId)
                .then().statusCode(200).body("lifecycleStage", equalTo("MQL")).body("priority", equalTo("HOT"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(maria)
                .queryParam("leadId", leadId).when().get("http://127.0.0.1:28082/api/v1/assignments")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].owner", anyOf(equalTo("sam"), equalTo("sue"))));
        String owner = given().auth().oauth2(maria).queryParam("leadId", leadId)
                .when().get("http://127.0.0.1:28082/api/v1/assignments").then().extract().path("[0].owner");
        String other = owner.equals("sam") ? "sue" : "sam";
        String assignmentId = given().auth().oauth2(userToken(owner)).when().get("http://127.0.0.1:28082/api/v1/assignments/mine")
                .then().statusCode(200).extract().path("find { it.leadId == '" + leadId + "' }.id");
        given().auth().oauth2(userToken(other)).when().get("http://127.0.0.1:28082/api/v1/assignments/" + assignmentId)
                .then().statusCode(403);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(maria)
                .queryParam("leadId", leadId).when().get("http://127.0.0.1:28083/api/v1/clocks")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].status", equalTo("OPEN")));

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(maria)
                .queryParams("from", today, "to", today).when().get("http://127.0.0.1:28084/api/v1/reports/funnel")
                .then().statusCode(200).body("leads", greaterThanOrEqualTo(1)).body("mql", greaterThanOrEqualTo(1))
                .body("assigned", greaterThanOrEqualTo(1)));

        // Keycloak's roles are enforced too
        given().auth().oauth2(userToken("sam")).when().get("http://127.0.0.1:28084/api/v1/reports/funnel").then().statusCode(403);
        assertFalse(leadId.isBlank());
    }
}
