package io.leadhandoff.routing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.security.Roles;
import io.leadhandoff.routing.assignment.Assignment;
import io.leadhandoff.stack.LocalMail;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.leadhandoff.testing.WebhookReceiver;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A new assignment notifies its rep through common's delivery outbox: by e-mail over a real SMTP
 * server, and to the team's webhook (a real HTTP endpoint that fails, then recovers), once each,
 * with status and attempts readable.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class AssignmentNoticesTest {

    @org.junit.jupiter.api.BeforeEach
    void demoRules() {
        DemoRouting.restoreRules();
    }

    static final String ADMIN = Tokens.of("ada", Roles.REVOPS_ADMIN);

    @Inject
    EventCodec codec;

    @Inject
    EntityManager em;

    static BrokerProbe broker;

    @BeforeAll
    static void connect() {
        broker = new BrokerProbe();
    }

    @AfterAll
    static void close() {
        broker.close();
    }

    static List<MimeMessage> mailsAbout(UUID lead) {
        return InfraTestResource.mail().received().stream().filter(m -> LocalMail.text(m).contains(lead.toString()))
                .toList();
    }

    Assignment assignmentOf(UUID lead) {
        return QuarkusTransaction.requiringNew().call(() -> Assignment.<Assignment>find("leadId", lead).firstResult());
    }

    JsonPath notificationsAbout(UUID lead) {
        return given().auth().oauth2(ADMIN).queryParam("about", lead.toString()).when()
                .get("/api/v1/admin/notifications").then().statusCode(200).extract().jsonPath();
    }

    void teamWebhook(String url) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update team set webhook_url = :url")
                .setParameter("url", url).executeUpdate());
    }

    @Test
    void theOwnerIsEmailedTheLeadWithWhyItQualifiedOnceHoweverOftenTheMqlArrives() throws MessagingException {
        UUID lead = UUID.randomUUID();
        String mql = RoutingEvents.leadQualified(codec, lead, Priority.HOT);
        broker.publish(EventType.LEAD_QUALIFIED, mql);
        await().atMost(Duration.ofSeconds(15)).until(() -> mailsAbout(lead).size() == 1);
        broker.publish(EventType.LEAD_QUALIFIED, mql);

        Assignment a = assignmentOf(lead);
        MimeMessage mail = mailsAbout(lead).get(0);
        assertEquals(a.ownerLogin + "@lead-handoff.example", mail.getAllRecipients()[0].toString());
        assertEquals("HOT lead assigned to you: Acme", mail.getSubject());
        String body = LocalMail.text(mail);
        assertTrue(body.contains("Fast track: demo request"), body);
        assertTrue(body.contains("+15 Demo request submitted"), body);
        assertTrue(body.contains("demo_request https://acme.example/demo"), body);
        assertTrue(body.contains("Dana Kim, Director at Acme (DE)"), body);
        assertTrue(body.contains("What is your main challenge?: \"Leads go cold\""), "the lead's own words: " + body);
        assertTrue(body.contains("Recommended next step: Call: they asked for demo request"), body);
        assertTrue(body.contains("Open with what they wrote: \"Leads go cold\""), body);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("about", lead.toString()).when().get("/api/v1/admin/notifications")
                .then().body("size()", equalTo(1)).body("[0].status", equalTo("SENT"))
                .body("[0].channel", equalTo("EMAIL")).body("[0].attempts", equalTo(1)));
        // the assignment shows its first-touch task and the notice's status
        given().auth().oauth2(ADMIN).when().get("/api/v1/assignments/" + a.id).then().statusCode(200)
                .body("tasks[0].type", equalTo("FIRST_TOUCH")).body("tasks[0].status", equalTo("OPEN"))
                .body("tasks[0].dueAt", equalTo(null)) // until the SLA policy sets it (SlaDueTimeSet)
                .body("notifications[0].channel", equalTo("EMAIL")).body("notifications[0].status", equalTo("SENT"));
        // the redelivered MQL changed nothing: still one mail
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mailsAbout(lead).size() == 1);
    }

    @Test
    void theTeamWebhookIsRetriedWithBackoffUntilItAnswers() {
        UUID lead = UUID.randomUUID();
        try (WebhookReceiver hook = new WebhookReceiver(2)) {
            teamWebhook(hook.url());
            broker.publish(EventType.LEAD_QUALIFIED, RoutingEvents.leadQualified(codec, lead, Priority.WARM));
            await().atMost(Duration.ofSeconds(30)).until(() -> hook.accepted().stream().anyMatch(b -> b.contains("Acme")));

            JsonPath sent = notificationsAbout(lead);
            String webhook = "find { it.channel == 'WEBHOOK' }";
            await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(notificationsAbout(lead).getString(webhook + ".status")));
            sent = notificationsAbout(lead);
            assertEquals(3, sent.getInt(webhook + ".attempts"), "two refusals, then delivered");
            assertEquals(hook.url(), sent.getString(webhook + ".recipient"));
            assertEquals(3, hook.received().stream().filter(b -> b.contains("Acme")).count());
            JsonPath message = JsonPath.from(hook.accepted().get(0));
            assertTrue(message.getString("text").startsWith("*WARM lead for "), message.getString("text"));
            assertTrue(message.getString("text").contains("Why MQL: Fast track: demo request"), message.getString("text"));
        } finally {
            teamWebhook(null);
        }
    }

    @Test
    void aRepWithABrokenAddressStillGetsTheLeadAndTheFailureIsRecorded() {
        UUID lead = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update rep set email = 'not-an-address'")
                .executeUpdate());
        try {
            broker.publish(EventType.LEAD_QUALIFIED, RoutingEvents.leadQualified(codec, lead, Priority.HOT));
            await().atMost(Duration.ofSeconds(15)).until(() -> assignmentOf(lead) != null);
            assertEquals(Assignment.Status.ASSIGNED, assignmentOf(lead).status);
            JsonPath n = notificationsAbout(lead);
            assertEquals("FAILED", n.getString("[0].status"));
            assertTrue(n.getString("[0].lastError").contains("not an e-mail address"), n.getString("[0].lastError"));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "update rep set email = login || '@lead-handoff.example'").executeUpdate());
        }
    }

    @Test
    void notificationsAreForAdminsAndIntegrationsWithCheckedParameters() {
        given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).when().get("/api/v1/admin/notifications")
                .then().statusCode(403);
        given().auth().oauth2(ADMIN).queryParam("status", "LOST").when().get("/api/v1/admin/notifications")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).queryParam("limit", "0").when().get("/api/v1/admin/notifications")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("forms", Roles.INTEGRATION)).queryParam("status", "SENT")
                .when().get("/api/v1/admin/notifications").then().statusCode(200);
    }
}
