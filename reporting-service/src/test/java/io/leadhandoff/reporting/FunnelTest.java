package io.leadhandoff.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventEnvelope;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadLifecycleChanged;
import io.leadhandoff.common.event.LeadQualified;
import io.leadhandoff.common.event.LifecycleStage;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.event.SlaBreached;
import io.leadhandoff.common.security.Roles;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.TestEvents;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Over the real broker: events of all services, in any order and redelivered, make one funnel. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class FunnelTest {

    static final String MANAGER = Tokens.of("maria", Roles.SALES_MANAGER);

    @Inject
    EventCodec codec;

    <T extends Record> String envelope(EventType type, UUID lead, T data) {
        return codec.encode(TestEvents.wrap(type, "test", lead.toString(), data));
    }

    LeadQualified qualified(UUID lead, Instant at) {
        return new LeadQualified(lead, "x@acme.example", null, null, null, null, null, null, "webinar", "q4",
                Priority.HOT, 30, 25, 55, "Fast track", 1, List.of(), List.of(), at);
    }

    @Test
    void funnelCountsEachStageOnceWhateverTheOrderOfEvents() {
        // a day of its own, so other tests' leads do not count
        LocalDate day = LocalDate.of(2001, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
        Instant t = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
        UUID assignedLead = UUID.randomUUID();
        UUID waitingLead = UUID.randomUUID();
        try (BrokerProbe broker = new BrokerProbe()) {
            // the assignment overtakes the qualification; the breach comes twice (redelivery)
            broker.publish(EventType.LEAD_ASSIGNED, envelope(EventType.LEAD_ASSIGNED, assignedLead,
                    new LeadAssigned(assignedLead, UUID.randomUUID(), "sam", "maria", "Inbound EMEA", Priority.HOT,
                            t.plusSeconds(60), t.plusSeconds(3660))));
            for (UUID lead : List.of(assignedLead, waitingLead)) {
                broker.publish(EventType.LEAD_LIFECYCLE_CHANGED, envelope(EventType.LEAD_LIFECYCLE_CHANGED, lead,
                        new LeadLifecycleChanged(lead, null, LifecycleStage.LEAD, "created", "webinar", "q4", t)));
                broker.publish(EventType.LEAD_QUALIFIED, envelope(EventType.LEAD_QUALIFIED, lead, qualified(lead, t.plusSeconds(30))));
            }
            String breach = envelope(EventType.SLA_BREACHED, assignedLead, new SlaBreached(assignedLead, UUID.randomUUID(),
                    "FIRST_TOUCH", "sam", "maria", Priority.HOT, t.plusSeconds(60), t.plusSeconds(3660), t.plusSeconds(3660)));
            broker.publish(EventType.SLA_BREACHED, breach);
            broker.publish(EventType.SLA_BREACHED, breach);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(MANAGER)
                .queryParam("from", day.toString()).queryParam("to", day.toString())
                .when().get("/api/v1/reports/funnel")
                .then().statusCode(200)
                .body("leads", equalTo(2)).body("mql", equalTo(2)).body("assigned", equalTo(1))
                .body("breached", equalTo(1)).body("mqlToAssignedRate", equalTo(0.5f)));
        given().auth().oauth2(MANAGER).queryParam("from", day.plusDays(1).toString()).queryParam("to", day.plusDays(1).toString())
                .when().get("/api/v1/reports/funnel")
                .then().statusCode(200).body("leads", equalTo(0)).body("mqlToAssignedRate", nullValue());
    }

    @Test
    void badWindowsAreRejected() {
        given().auth().oauth2(MANAGER).queryParam("from", "2026-11-30").queryParam("to", "2026-11-01")
                .when().get("/api/v1/reports/funnel").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(MANAGER).queryParam("from", "last tuesday")
                .when().get("/api/v1/reports/funnel").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(MANAGER).queryParam("from", "+1000000000-01-01T00:00:00Z")
                .when().get("/api/v1/reports/funnel").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("between 1900 and 9999"));
        given().auth().oauth2(MANAGER).when().get("/api/v1/reports/funnel").then().statusCode(200);
    }

    @Test
    void funnelRequiresAReportingRole() {
        given().when().get("/api/v1/reports/funnel").then().statusCode(401);
        given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).when().get("/api/v1/reports/funnel").then().statusCode(403);
        given().auth().oauth2(Tokens.of("marta", Roles.MARKETING)).when().get("/api/v1/reports/funnel").then().statusCode(200);
    }
}
