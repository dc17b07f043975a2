package io.leadhandoff.sla;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.FirstTouchLogged;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadReassigned;
import io.leadhandoff.common.event.LeadRejected;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.event.RejectionReason;
import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.TestEvents;
import io.leadhandoff.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Business-hours calendars through the API, and clocks counting in them over the real broker: a
 * Friday-evening lead does not count the weekend against its rep, a first touch and a decision
 * meet the clocks, a reassignment moves what is left to the new owner's calendar.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class SlaCalendarTest {

    static final String ADMIN = Tokens.of("ada", Roles.REVOPS_ADMIN);
    static final String MANAGER = Tokens.of("maria", Roles.SALES_MANAGER);
    static final String OFFICE_HOURS = """
            {"timeZone": "%s", "days": {"MONDAY": [{"from": "09:00", "to": "18:00"}],
             "TUESDAY": [{"from": "09:00", "to": "18:00"}], "WEDNESDAY": [{"from": "09:00", "to": "18:00"}],
             "THURSDAY": [{"from": "09:00", "to": "18:00"}], "FRIDAY": [{"from": "09:00", "to": "18:00"}]},
             "holidays": ["2026-12-25"]}""";

    static BrokerProbe broker;

    @Inject
    EventCodec codec;

    @BeforeAll
    static void open() {
        broker = new BrokerProbe();
    }

    @AfterAll
    static void close() {
        broker.close();
    }

    static void calendar(String name, String zone, String teams, String reps) {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"hours\": " + OFFICE_HOURS.formatted(zone) + ", \"teams\": " + teams + ", \"reps\": " + reps + "}")
                .when().put("/api/v1/calendars/" + name).then().statusCode(200).body("name", equalTo(name));
    }

    void send(EventType type, UUID lead, Record data) {
        broker.publish(type, codec.encode(TestEvents.wrap(type, "routing-service", lead.toString(), data)));
    }

    JsonPath clocks(UUID lead, int count) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("leadId", lead.toString()).when().get("/api/v1/clocks").then().body("size()", equalTo(count)));
        return given().auth().oauth2(ADMIN).queryParam("leadId", lead.toString()).when().get("/api/v1/clocks").then()
                .extract().jsonPath();
    }

    @Test
    void calendarsAreWrittenByAdminsReadByManagersAndRefusedWhenTheyCannotBeUsed() {
        String name = "Cal " + UUID.randomUUID().toString().substring(0, 8);
        calendar(name, "Europe/Berlin", "[\"Team of " + name + "\"]", "[]");
        given().auth().oauth2(MANAGER).when().get("/api/v1/calendars").then().statusCode(200).body("name", hasItem(name));
        given().auth().oauth2(MANAGER).contentType(ContentType.JSON)
                .body("{\"hours\": " + OFFICE_HOURS.formatted("Europe/Berlin") + "}")
                .when().put("/api/v1/calendars/" + name).then().statusCode(403);
        given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).when().get("/api/v1/calendars").then().statusCode(403);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"hours\": " + OFFICE_HOURS.formatted("Mars/Olympus") + "}")
                .when().put("/api/v1/calendars/" + name).then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("hours.timeZone"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("""
                {"hours": {"timeZone": "Europe/Berlin", "days": {"MONDAY": [{"from": "09:00", "to": "13:00"},
                                                                          {"from": "12:00", "to": "18:00"}]}}}""")
                .when().put("/api/v1/calendars/" + name).then().statusCode(422).body("detail", containsString("overlap"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"hours\": " + OFFICE_HOURS.formatted("Europe/Berlin") + ", \"team\": []}")
                .when().put("/api/v1/calendars/" + name).then().statusCode(400);
        given().auth().oauth2(ADMIN).when().get("/api/v1/calendars/" + name).then().statusCode(200)
                .body("hours.timeZone", equalTo("Europe/Berlin"));
        given().auth().oauth2(ADMIN).when().delete("/api/v1/calendars/" + name).then().statusCode(204);
        given().auth().oauth2(ADMIN).when().get("/api/v1/calendars/" + name).then().statusCode(404);
    }

    @Test
    void aFridayEveningLeadIsDueMondayInItsTeamsBusinessHoursAndFirstTouchAndDecisionMeetTheClocks() {
        String team = "Team " + UUID.randomUUID();
        calendar("Berlin " + team.substring(5, 13), "Europe/Berlin", "[\"" + team + "\"]", "[]");
        UUID lead = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        Instant friday1755 = Instant.parse("2026-11-27T16:55:00Z");
        send(EventType.LEAD_ASSIGNED, lead, new LeadAssigned(lead, assignment, "sam", "maria", team, Priority.HOT,
                friday1755, friday1755.plusSeconds(3600)));
        JsonPath c = clocks(lead, 2);
        assertEquals("2026-11-30T08:55:00Z", c.getString("find { it.kind == 'FIRST_TOUCH' }.dueAt"), "Monday 09:55 Berlin");
        // 24 business hours: 5 minutes on Friday, Monday, Tuesday, then Wednesday until 14:55
        assertEquals("2026-12-02T13:55:00Z", c.getString("find { it.kind == 'REVIEW_DECISION' }.dueAt"));
        assertEquals("Berlin " + team.substring(5, 13), c.getString("find { it.kind == 'FIRST_TOUCH' }.calendar"));

        try (BrokerProbe.Listener met = broker.listen(EventType.SLA_MET)) {
            Instant monday0930 = Instant.parse("2026-11-30T08:30:00Z");
            send(EventType.FIRST_TOUCH_LOGGED, lead, new FirstTouchLogged(lead, assignment, "sam", "maria", team,
                    Priority.HOT, "CALL", "reached her", friday1755, monday0930));
            JsonPath e = JsonPath.from(met.await(m -> m.contains(lead.toString()), Duration.ofSeconds(10)));
            assertEquals("FIRST_TOUCH", e.getString("data.kind"));
            assertEquals(35 * 60, e.getLong("data.businessSecondsElapsed"), "5 minutes on Friday, 30 on Monday");
        }
        Instant monday1000 = Instant.parse("2026-11-30T09:00:00Z");
        send(EventType.LEAD_REJECTED, lead, new LeadRejected(lead, assignment, "sam", "maria", team, Priority.HOT,
                RejectionReason.BAD_TIMING, null, null, "sam", friday1755, monday1000, "Everyone else"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("leadId", lead.toString()).when().get("/api/v1/clocks").then()
                .body("find { it.kind == 'FIRST_TOUCH' }.status", equalTo("MET"))
                .body("find { it.kind == 'REVIEW_DECISION' }.status", equalTo("MET"))
                .body("find { it.kind == 'REVIEW_DECISION' }.businessSecondsElapsed", equalTo(65 * 60)));
    }

    @Test
    void aReassignedClockKeepsTheTimeSpentAndCountsWhatIsLeftInTheNewOwnersCalendar() {
        String team = "Team " + UUID.randomUUID();
        String suffix = team.substring(5, 13);
        calendar("Berlin " + suffix, "Europe/Berlin", "[\"" + team + "\"]", "[]");
        // the new owner works New York hours (her own calendar wins over her team's)
        String newOwner = "ny-" + suffix;
        calendar("New York " + suffix, "America/New_York", "[]", "[\"" + newOwner + "\"]");
        UUID lead = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        Instant monday0900 = Instant.parse("2026-11-30T08:00:00Z");
        send(EventType.LEAD_ASSIGNED, lead, new LeadAssigned(lead, assignment, "sam", "maria", team, Priority.HOT,
                monday0900, monday0900.plusSeconds(3600)));
        clocks(lead, 2);
        // after 40 minutes of Berlin business time, a manager hands it to the New York rep
        Instant monday0940 = Instant.parse("2026-11-30T08:40:00Z");
        send(EventType.LEAD_REASSIGNED, lead, new LeadReassigned(lead, assignment, "sam", newOwner, "maria", team,
                Priority.HOT, "covers the US", "maria", monday0940, monday0940.plusSeconds(3600), null, null, "manual"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("leadId", lead.toString()).when().get("/api/v1/clocks").then()
                .body("find { it.kind == 'FIRST_TOUCH' }.owner", equalTo(newOwner))
                // 20 minutes left, from when New York opens (09:00 EST = 14:00 UTC)
                .body("find { it.kind == 'FIRST_TOUCH' }.dueAt", equalTo("2026-11-30T14:20:00Z"))
                .body("find { it.kind == 'FIRST_TOUCH' }.calendar", equalTo("New York " + suffix)));
    }
}
