package io.leadhandoff.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.LeadAccepted;
import io.leadhandoff.common.event.LeadOutcomeRecorded;
import io.leadhandoff.common.event.LeadRejected;
import io.leadhandoff.common.event.LeadSalesQualified;
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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The loop closes: what sales does with an MQL (routing's events) moves its lifecycle stage, and the model hears it. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class SalesLoopTest {

    static final String FORMS = Tokens.of("web-forms", Roles.INTEGRATION);
    static final String MARTA = Tokens.of("marta", Roles.MARKETING);
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

    /** An ICP lead who asked for a demo: an MQL handed to sales. */
    static String mql(String email) {
        String id = ActivityResourceTest.createLead(email);
        touch(email, "demo_request", "https://acme.example/demo");
        given().auth().oauth2(MARTA).when().get("/api/v1/leads/" + id).then().body("lifecycleStage", equalTo("MQL"));
        return id;
    }

    static void touch(String email, String type, String url) {
        given().auth().oauth2(FORMS).contentType(ContentType.JSON)
                .body("[" + ActivityResourceTest.event(UUID.randomUUID().toString(), email, type, url, "null") + "]")
                .when().post("/api/v1/events").then().statusCode(202);
    }

    void send(EventType type, UUID lead, Record data) {
        broker.publish(type, codec.encode(TestEvents.wrap(type, "routing-service", lead.toString(), data)));
    }

    static String stage(String id) {
        return given().auth().oauth2(MARTA).when().get("/api/v1/leads/" + id).then().extract().path("lifecycleStage");
    }

    static void awaitStage(String id, String stage) {
        await().atMost(Duration.ofSeconds(10)).until(() -> stage.equals(stage(id)));
    }

    LeadRejected rejection(UUID lead, RejectionReason reason, UUID duplicateOf) {
        Instant now = Instant.now();
        return new LeadRejected(lead, UUID.randomUUID(), "sam", "maria", "Inbound EMEA", Priority.HOT, reason, "a note",
                duplicateOf, "sam", now.minusSeconds(60), now, "Everyone else");
    }

    @Test
    void acceptedQualifiedAnOpportunityAndWonTheLeadBecomesACustomer() {
        String id = mql("won." + UUID.randomUUID() + "@acme.example");
        UUID lead = UUID.fromString(id);
        UUID assignment = UUID.randomUUID();
        Instant now = Instant.now();
        send(EventType.LEAD_ACCEPTED, lead, new LeadAccepted(lead, assignment, "sam", "maria", "Inbound EMEA", Priority.HOT,
                "sam", null, now.minusSeconds(60), now, "Everyone else"));
        awaitStage(id, "SAL");
        send(EventType.LEAD_SALES_QUALIFIED, lead, new LeadSalesQualified(lead, assignment, "sam", "maria", "Inbound EMEA",
                Priority.HOT, new LeadSalesQualified.Bant("50k", "VP", "leads go cold", "Q1"), "sam", now, now));
        awaitStage(id, "SQL");
        send(EventType.LEAD_OUTCOME_RECORDED, lead, new LeadOutcomeRecorded(lead, assignment, "sam", "maria", "Inbound EMEA",
                LeadOutcomeRecorded.Outcome.OPPORTUNITY, null, "sam", now));
        awaitStage(id, "OPPORTUNITY");
        send(EventType.LEAD_OUTCOME_RECORDED, lead, new LeadOutcomeRecorded(lead, assignment, "sam", "maria", "Inbound EMEA",
                LeadOutcomeRecorded.Outcome.WON, "3-year deal", "sam", now));
        awaitStage(id, "CUSTOMER");
        List<String> timeline = given().auth().oauth2(MARTA).when().get("/api/v1/leads/" + id + "/timeline").then()
                .extract().path("to");
        assertEquals(List.of("LEAD", "MQL", "SAL", "SQL", "OPPORTUNITY", "CUSTOMER"), timeline);
    }

    @Test
    void eachRejectionReasonTakesItsPathAndARecycledLeadQualifiesAgainOnlyOnNewIntent() {
        String timing = mql("timing." + UUID.randomUUID() + "@acme.example");
        send(EventType.LEAD_REJECTED, UUID.fromString(timing), rejection(UUID.fromString(timing), RejectionReason.BAD_TIMING, null));
        awaitStage(timing, "RECYCLED");
        String email = given().auth().oauth2(MARTA).when().get("/api/v1/leads/" + timing).then().extract().path("email");
        // its old demo request made it an MQL once; a page view now is not new intent enough
        touch(email, "page_view", "https://acme.example/pricing");
        assertEquals("RECYCLED", stage(timing), "old intent does not count again");
        touch(email, "demo_request", "https://acme.example/demo");
        assertEquals("MQL", stage(timing), "a new demo request is new intent");

        String role = mql("role." + UUID.randomUUID() + "@acme.example");
        send(EventType.LEAD_REJECTED, UUID.fromString(role), rejection(UUID.fromString(role), RejectionReason.WRONG_ROLE, null));
        awaitStage(role, "DISQUALIFIED");

        String customer = mql("customer." + UUID.randomUUID() + "@acme.example");
        send(EventType.LEAD_REJECTED, UUID.fromString(customer),
                rejection(UUID.fromString(customer), RejectionReason.EXISTING_CUSTOMER, null));
        awaitStage(customer, "ROUTED_ELSEWHERE");

        String data = mql("data." + UUID.randomUUID() + "@acme.example");
        send(EventType.LEAD_REJECTED, UUID.fromString(data),
                rejection(UUID.fromString(data), RejectionReason.INSUFFICIENT_DATA, null));

        String original = mql("original." + UUID.randomUUID() + "@acme.example");
        String copy = mql("copy." + UUID.randomUUID() + "@acme.example");
        send(EventType.LEAD_REJECTED, UUID.fromString(copy),
                rejection(UUID.fromString(copy), RejectionReason.DUPLICATE, UUID.fromString(original)));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().oauth2(MARTA).when().get("/api/v1/leads/" + copy)
                .then().extract().path("mergedInto") != null || !"MQL".equals(stage(copy)));
        assertEquals("MQL", stage(data), "insufficient data: it waits for enrichment as an MQL");
    }

    @Test
    void theModelHearsWhichRulesSalesAcceptsAndRejects() {
        String accepted = mql("fb-a." + UUID.randomUUID() + "@acme.example");
        String rejected = mql("fb-r." + UUID.randomUUID() + "@acme.example");
        int version = given().auth().oauth2(MARTA).when().get("/api/v1/leads/" + accepted).then().extract()
                .path("score.modelVersion");
        JsonPath before = given().auth().oauth2(MARTA).when().get("/api/v1/models/" + version + "/feedback").then()
                .statusCode(200).extract().jsonPath();
        Instant now = Instant.now();
        UUID a = UUID.fromString(accepted);
        send(EventType.LEAD_ACCEPTED, a, new LeadAccepted(a, UUID.randomUUID(), "sam", "maria", "Inbound EMEA", Priority.HOT,
                "sam", null, now, now, "Everyone else"));
        send(EventType.LEAD_REJECTED, UUID.fromString(rejected),
                rejection(UUID.fromString(rejected), RejectionReason.NO_ACTIVE_PROJECT, null));
        awaitStage(accepted, "SAL");
        awaitStage(rejected, "RECYCLED");
        JsonPath after = given().auth().oauth2(MARTA).when().get("/api/v1/models/" + version + "/feedback").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(before.getInt("accepted") + 1, after.getInt("accepted"));
        assertEquals(before.getInt("rejected") + 1, after.getInt("rejected"));
        assertTrue(after.getInt("reasons.NO_ACTIVE_PROJECT") >= 1);
        List<String> rules = after.getList("byRule.key");
        assertTrue(rules.contains("demo-request"), rules.toString());
        assertTrue(after.getList("bySource.key").contains("webinar"));
        given().auth().oauth2(MARTA).when().get("/api/v1/models/9999/feedback").then().statusCode(404);
    }
}
