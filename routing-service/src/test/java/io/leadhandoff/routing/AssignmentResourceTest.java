package io.leadhandoff.routing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.security.Roles;
import io.leadhandoff.routing.assignment.Assignment;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class AssignmentResourceTest {

    @org.junit.jupiter.api.BeforeEach
    void demoRules() {
        DemoRouting.restoreRules();
    }

    @Inject
    EventCodec codec;

    @Inject
    EntityManager em;

    Assignment routed(UUID lead) {
        try (BrokerProbe broker = new BrokerProbe()) {
            broker.publish(EventType.LEAD_QUALIFIED, RoutingEvents.leadQualified(codec, lead, Priority.HOT));
        }
        return await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> Assignment.<Assignment>find("leadId", lead).firstResult()), a -> a != null);
    }

    @Test
    void repsSeeTheirOwnAssignmentsOnlyAndManagersTheirTeams() {
        Assignment a = routed(UUID.randomUUID());
        String owner = a.ownerLogin;
        String other = owner.equals("sam") ? "sue" : "sam";

        given().auth().oauth2(Tokens.of(owner, Roles.SALES_REP)).when().get("/api/v1/assignments/mine")
                .then().statusCode(200).body("id", hasItem(a.id.toString())).body("owner", everyItem(equalTo(owner)));
        given().auth().oauth2(Tokens.of(other, Roles.SALES_REP)).when().get("/api/v1/assignments/mine")
                .then().statusCode(200).body("id", not(hasItem(a.id.toString())));

        given().auth().oauth2(Tokens.of(owner, Roles.SALES_REP)).when().get("/api/v1/assignments/" + a.id)
                .then().statusCode(200).body("owner", equalTo(owner))
                .body("lead.reason", equalTo("Fast track: demo request"))
                .body("lead.lastTouches[0].properties.'What is your main challenge?'", equalTo("Leads go cold"));
        given().auth().oauth2(Tokens.of(other, Roles.SALES_REP)).when().get("/api/v1/assignments/" + a.id)
                .then().statusCode(403).contentType("application/problem+json");

        given().auth().oauth2(Tokens.of("maria", Roles.SALES_MANAGER)).queryParam("leadId", a.leadId.toString())
                .when().get("/api/v1/assignments")
                .then().statusCode(200).body("owner", hasItem(owner)).body("priority[0]", equalTo("HOT"));
        given().auth().oauth2(Tokens.of("otto", Roles.SALES_MANAGER)).queryParam("leadId", a.leadId.toString())
                .when().get("/api/v1/assignments")
                .then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(Tokens.of("ada", Roles.REVOPS_ADMIN)).when().get("/api/v1/assignments/" + a.id)
                .then().statusCode(200);
    }

    @Test
    void aManagerSeesHerTeamsAssignmentsHoweverManyOtherTeamsHaveNewerOnes() {
        Assignment mine = routed(UUID.randomUUID());
        // 250 newer assignments of another team, as a busy team elsewhere would have
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into assignment (id, lead_id, owner_login, manager_login, team_name, priority, status, lead_context,
                                        assigned_at, due_at)
                select gen_random_uuid(), gen_random_uuid(), 'ed', 'mike', 'Enterprise', 'WARM', 'ASSIGNED', '{}'::jsonb,
                       now() + (n || ' seconds')::interval, now() + interval '1 day'
                from generate_series(1, 250) n""").executeUpdate());

        given().auth().oauth2(Tokens.of("maria", Roles.SALES_MANAGER)).when().get("/api/v1/assignments")
                .then().statusCode(200).body("id", hasItem(mine.id.toString()))
                .body("manager", everyItem(equalTo("maria")));
        given().auth().oauth2(Tokens.of("mike", Roles.SALES_MANAGER)).queryParam("limit", 10)
                .when().get("/api/v1/assignments").then().statusCode(200).body("size()", equalTo(10));
        given().auth().oauth2(Tokens.of("mike", Roles.SALES_MANAGER)).queryParam("limit", 0)
                .when().get("/api/v1/assignments").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("mike", Roles.SALES_MANAGER)).queryParam("limit", "ten")
                .when().get("/api/v1/assignments").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("limit must be a whole number"));
    }

    @Test
    void endpointsRequireATokenWithTheRightRole() {
        given().when().get("/api/v1/assignments").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/v1/assignments/mine").then().statusCode(401);
        given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).when().get("/api/v1/assignments")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("marta", Roles.MARKETING)).when().get("/api/v1/assignments/mine")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.of("maria", Roles.SALES_MANAGER)).when().get("/api/v1/assignments")
                .then().statusCode(200);
        given().auth().oauth2(Tokens.of("maria", Roles.SALES_MANAGER)).queryParam("leadId", "nope")
                .when().get("/api/v1/assignments").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("leadId must be a UUID"));
        given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).when().get("/api/v1/assignments/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }
}
