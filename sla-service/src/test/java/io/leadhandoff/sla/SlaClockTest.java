package io.leadhandoff.sla;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leadhandoff.common.event.EventCodec;
import io.leadhandoff.common.event.EventType;
import io.leadhandoff.common.event.LeadAssigned;
import io.leadhandoff.common.event.LeadQueued;
import io.leadhandoff.common.event.Priority;
import io.leadhandoff.common.event.TeamChanged;
import io.leadhandoff.common.inbox.DeadLetters;
import io.leadhandoff.common.security.Roles;
import io.leadhandoff.common.timer.Timers;
import io.leadhandoff.stack.LocalMail;
import io.leadhandoff.testing.BrokerProbe;
import io.leadhandoff.testing.TestClock;
import io.leadhandoff.testing.TestEvents;
import io.leadhandoff.testing.InfraTestResource;
import io.leadhandoff.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Over the real broker: LeadAssigned starts a durable clock; its deadline (a shared timer) breaches it exactly once. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@WithTestResource(OidcWiremockTestResource.class)
class SlaClockTest {

    static final String MANAGER = Tokens.of("maria", Roles.SALES_MANAGER);
    static final String ADMIN = Tokens.of("ada", Roles.REVOPS_ADMIN);

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Inject
    EventCodec codec;

    @Inject
    Timers timers;

    static BrokerProbe broker;
    static BrokerProbe.Listener breached;

    @BeforeAll
    static void listen() {
        broker = new BrokerProbe();
        breached = broker.listen(EventType.SLA_BREACHED);
    }

    @AfterAll
    static void close() {
        breached.close();
        broker.close();
    }

    String assigned(UUID lead, Priority priority, Instant at) {
        return codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED, "routing-service", lead.toString(),
                new LeadAssigned(lead, UUID.randomUUID(), "sam", "maria", "Inbound EMEA", priority, at, at.plusSeconds(3600),
                        "sam@team.example", "maria@team.example")));
    }

    static List<MimeMessage> mailsAbout(UUID lead) {
        return InfraTestResource.mail().received().stream().filter(m -> LocalMail.text(m).contains(lead.toString()))
                .toList();
    }

    void awaitClocks(UUID lead, int count) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(MANAGER)
                .queryParam("leadId", lead.toString()).when().get("/api/v1/clocks")
                .then().statusCode(200).body("size()", equalTo(count)));
    }

    @Test
    void hotLeadGetsAOneHourFirstTouchClockOnceHoweverOftenTheEventArrives() {
        UUID lead = UUID.randomUUID();
        String envelope = assigned(lead, Priority.HOT, Instant.now());
        broker.publish(EventType.LEAD_ASSIGNED, envelope);
        broker.publish(EventType.LEAD_ASSIGNED, envelope);
        // a first-touch and a review-decision clock, once each
        awaitClocks(lead, 2);

        JsonPath clock = given().auth().oauth2(MANAGER).queryParam("leadId", lead.toString()).when().get("/api/v1/clocks")
                .then().extract().jsonPath();
        String firstTouch = "find { it.kind == 'FIRST_TOUCH' }";
        assertEquals("OPEN", clock.getString(firstTouch + ".status"));
        assertEquals("sam", clock.getString(firstTouch + ".owner"));
        assertEquals(Duration.ofHours(1), Duration.between(Instant.parse(clock.getString(firstTouch + ".startedAt")),
                Instant.parse(clock.getString(firstTouch + ".dueAt"))));
        assertEquals(null, clock.getString(firstTouch + ".calendar"), "no calendar for the team: wall-clock time");
        assertEquals(Duration.ofHours(24), Duration.between(Instant.parse(clock.getString("find { it.kind == 'REVIEW_DECISION' }.startedAt")),
                Instant.parse(clock.getString("find { it.kind == 'REVIEW_DECISION' }.dueAt"))));
    }

    @Test
    void anAssignmentWithoutManagerOrTeamStillStartsItsClock() {
        UUID lead = UUID.randomUUID();
        Instant at = Instant.now();
        broker.publish(EventType.LEAD_ASSIGNED, codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED,
                "routing-service", lead.toString(),
                new LeadAssigned(lead, UUID.randomUUID(), "sue", null, null, Priority.HOT, at, at.plusSeconds(3600)))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("leadId", lead.toString()).when().get("/api/v1/clocks")
                .then().body("size()", equalTo(2)).body("owner", everyItem(equalTo("sue"))).body("[0].manager", equalTo(null)));
    }

    @Test
    void aManagerSeesTheClocksOfHerTeamsLeadsOnly() {
        UUID lead = UUID.randomUUID();
        Instant at = Instant.now();
        broker.publish(EventType.LEAD_ASSIGNED, codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED,
                "routing-service", lead.toString(), new LeadAssigned(lead, UUID.randomUUID(), "ed", "mike", "Enterprise",
                        Priority.HOT, at, at.plusSeconds(3600)))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("leadId", lead.toString()).when().get("/api/v1/clocks").then().body("size()", equalTo(2)));
        given().auth().oauth2(MANAGER).queryParam("leadId", lead.toString()).when().get("/api/v1/clocks")
                .then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(Tokens.of("mike", Roles.SALES_MANAGER)).queryParam("leadId", lead.toString())
                .when().get("/api/v1/clocks").then().statusCode(200).body("size()", equalTo(2));
    }

    @Test
    void aTeamsNewManagerSeesItsClocksAsRoutingsRosterSays() {
        UUID lead = UUID.randomUUID();
        UUID teamId = UUID.randomUUID();
        String team = "Team " + teamId;
        Instant at = Instant.now();
        broker.publish(EventType.LEAD_ASSIGNED, codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED,
                "routing-service", lead.toString(), new LeadAssigned(lead, UUID.randomUUID(), "ed", "mike", team,
                        Priority.HOT, at, at.plusSeconds(3600)))));
        broker.publish(EventType.TEAM_CHANGED, codec.encode(TestEvents.wrap(EventType.TEAM_CHANGED,
                "routing-service", teamId.toString(), new TeamChanged(teamId, team, "nina", null, at.plusSeconds(60)))));
        String nina = Tokens.of("nina", Roles.SALES_MANAGER);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(nina)
                .queryParam("leadId", lead.toString()).when().get("/api/v1/clocks")
                .then().statusCode(200).body("size()", equalTo(2)));
        given().auth().oauth2(MANAGER).queryParam("leadId", lead.toString()).when().get("/api/v1/clocks")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aQueuedLeadRunsItsManagersClockUntilItIsAssigned() {
        UUID lead = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
        broker.publish(EventType.LEAD_QUEUED, codec.encode(TestEvents.wrap(EventType.LEAD_QUEUED, "routing-service",
                lead.toString(), new LeadQueued(lead, assignment, "FALLBACK", "No active rep in team Inbound EMEA",
                        "maria", "Inbound EMEA", Priority.HOT, at))));
        awaitClocks(lead, 1);
        given().auth().oauth2(MANAGER).queryParam("leadId", lead.toString()).when().get("/api/v1/clocks")
                .then().body("[0].kind", equalTo("QUEUED")).body("[0].status", equalTo("OPEN"))
                .body("[0].owner", equalTo(null));

        Instant later = at.plusSeconds(600);
        broker.publish(EventType.LEAD_ASSIGNED, codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED, "routing-service",
                lead.toString(), new LeadAssigned(lead, assignment, "sam", "maria", "Inbound EMEA", Priority.HOT, later,
                        later.plusSeconds(3600)))));
        awaitClocks(lead, 3);
        JsonPath clocks = given().auth().oauth2(MANAGER).queryParam("leadId", lead.toString()).when()
                .get("/api/v1/clocks").then().extract().jsonPath();
        assertEquals("MET", clocks.getString("find { it.kind == 'QUEUED' }.status"));
        assertEquals(later, Instant.parse(clocks.getString("find { it.kind == 'QUEUED' }.metAt")));
        assertEquals("OPEN", clocks.getString("find { it.kind == 'FIRST_TOUCH' }.status"));
        // the met clock's deadline is gone from the timers; the new one's is pending
        assertTrue(QuarkusTransaction.requiringNew().call(() -> timers.dueAt("sla.breach",
                clocks.getString("find { it.kind == 'QUEUED' }.id"))).isEmpty());
        assertEquals(Instant.parse(clocks.getString("find { it.kind == 'FIRST_TOUCH' }.dueAt")),
                QuarkusTransaction.requiringNew().call(() -> timers.dueAt("sla.breach",
                        clocks.getString("find { it.kind == 'FIRST_TOUCH' }.id"))).orElseThrow());
    }

    @Test
    void overdueClockBreachesOnceAndAnnouncesIt() {
        UUID lead = UUID.randomUUID();
        broker.publish(EventType.LEAD_ASSIGNED, assigned(lead, Priority.HIGH, Instant.now()));
        awaitClocks(lead, 2);
        assertEquals(0, breached.collect(m -> m.contains(lead.toString()), Duration.ofSeconds(2)).size(),
                "not due yet: a HIGH lead has 24 hours");
        clock.advance(Duration.ofHours(24).plusMinutes(1));

        // both the first touch and the review decision (24 hours each) are overdue now
        JsonPath event = JsonPath.from(breached.await(m -> m.contains(lead.toString()) && m.contains("FIRST_TOUCH"),
                Duration.ofSeconds(15)));
        assertEquals("io.leadhandoff.sla.breached", event.getString("type"));
        assertEquals("FIRST_TOUCH", event.getString("data.kind"));
        assertEquals("maria", event.getString("data.manager"));
        given().auth().oauth2(MANAGER).queryParam("leadId", lead.toString()).when().get("/api/v1/clocks")
                .then().body("status", everyItem(equalTo("BREACHED")));
        JsonPath review = JsonPath.from(breached.await(m -> m.contains(lead.toString()) && m.contains("REVIEW_DECISION"),
                Duration.ofSeconds(15)));
        assertEquals("maria", review.getString("data.manager"));
        // several timer polls later, still exactly one breach per clock
        assertEquals(0, breached.collect(m -> m.contains(lead.toString()), Duration.ofSeconds(3)).size());

        // the manager and the owner were told, once per clock, over SMTP
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsAbout(lead).stream()
                .filter(m -> !subject(m).startsWith("Due soon") && !subject(m).startsWith("SLA digest")).count() == 4);
        MimeMessage toManager = mailsAbout(lead).stream().filter(m -> recipient(m).equals("maria@team.example")
                && subject(m).contains("first touch")).findFirst().orElseThrow();
        assertTrue(mailsAbout(lead).stream().anyMatch(m -> subject(m).equals(
                "Overdue: your HIGH lead needs your decision (accept or reject, with a reason) now")));
        assertEquals("SLA breached: HIGH lead first touch overdue (sam)", subject(toManager));
        assertTrue(LocalMail.text(toManager).contains("Check in with sam, or reassign the lead."));
        assertTrue(mailsAbout(lead).stream().anyMatch(m -> recipient(m).equals("sam@team.example")));
        // the four breach notices, sent; the 75% warnings only where a timer thread reached them before the
        // breach did (the clock jumped past both at once, and a breached clock is not warned any more)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("about", lead.toString()).when().get("/api/v1/admin/notifications").then().statusCode(200)
                .body("findAll { !it.title.startsWith('Due soon') }.size()", equalTo(4))
                .body("findAll { it.title.startsWith('Due soon') }.size()", lessThanOrEqualTo(2))
                .body("status", everyItem(equalTo("SENT"))));
    }

    @Test
    void aClockWarnsItsOwnerAt75PercentOnceAndAFirstTouchBeforeTheDueTimeMeetsIt() {
        UUID lead = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        broker.publish(EventType.LEAD_ASSIGNED, codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED, "routing-service",
                lead.toString(), new LeadAssigned(lead, assignment, "sam", "maria", "Inbound EMEA", Priority.HIGH, at,
                        at.plusSeconds(86400), "sam@team.example", "maria@team.example"))));
        awaitClocks(lead, 2);
        try (BrokerProbe.Listener warned = broker.listen(EventType.SLA_WARNING_RAISED);
                BrokerProbe.Listener met = broker.listen(EventType.SLA_MET)) {
            assertEquals(0, warned.collect(m -> m.contains(lead.toString()), Duration.ofSeconds(2)).size(), "not at 75% yet");
            clock.advance(Duration.ofHours(18).plusMinutes(1));
            JsonPath w = JsonPath.from(warned.await(m -> m.contains(lead.toString()) && m.contains("FIRST_TOUCH"),
                    Duration.ofSeconds(15)));
            assertEquals("sam", w.getString("data.owner"));
            assertTrue(w.getLong("data.businessSecondsRemaining") <= 6 * 3600 && w.getLong("data.businessSecondsRemaining") > 5 * 3600,
                    "about six hours of 24 left: " + w.getLong("data.businessSecondsRemaining"));
            await().atMost(Duration.ofSeconds(10)).until(() -> mailsAbout(lead).stream().anyMatch(m -> recipient(m)
                    .equals("sam@team.example") && subject(m).equals("Due soon: your HIGH lead needs its first touch by "
                            + at.plusSeconds(86400) + " (UTC)")));
            // the rep calls in time: met, and no breach follows when the due time passes
            broker.publish(EventType.FIRST_TOUCH_LOGGED, codec.encode(TestEvents.wrap(EventType.FIRST_TOUCH_LOGGED,
                    "routing-service", lead.toString(), new io.leadhandoff.common.event.FirstTouchLogged(lead, assignment,
                            "sam", "maria", "Inbound EMEA", Priority.HIGH, "CALL", null, at, clock.instant()))));
            met.await(m -> m.contains(lead.toString()) && m.contains("FIRST_TOUCH"), Duration.ofSeconds(10));
            clock.advance(Duration.ofHours(6));
            assertEquals(0, breached.collect(m -> m.contains(lead.toString()) && m.contains("FIRST_TOUCH"),
                    Duration.ofSeconds(3)).size(), "met in time: never breached");
            assertEquals(0, warned.collect(m -> m.contains(lead.toString()) && m.contains("FIRST_TOUCH"),
                    Duration.ofSeconds(1)).size(), "warned once");
        }
    }

    @Inject
    io.leadhandoff.sla.clock.BreachDigest digest;

    @Test
    void aManagerGetsADailyDigestOfHerOpenBreachesOnly() {
        String managerEmail = "digest-" + UUID.randomUUID() + "@team.example";
        Instant longAgo = Instant.now().minus(Duration.ofHours(30)).truncatedTo(ChronoUnit.MICROS);
        UUID open = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        UUID lateAssignment = UUID.randomUUID();
        for (UUID lead : List.of(open, late)) {
            broker.publish(EventType.LEAD_ASSIGNED, codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED, "routing-service",
                    lead.toString(), new LeadAssigned(lead, lead == late ? lateAssignment : UUID.randomUUID(), "sam", "maria",
                            "Inbound EMEA", Priority.HIGH, longAgo, longAgo.plusSeconds(86400), null, managerEmail))));
        }
        // both leads' clocks are overdue at once; then the second one's first touch happens, late
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("leadId", late.toString()).when().get("/api/v1/clocks").then()
                .body("status", everyItem(equalTo("BREACHED"))).body("size()", equalTo(2)));
        broker.publish(EventType.FIRST_TOUCH_LOGGED, codec.encode(TestEvents.wrap(EventType.FIRST_TOUCH_LOGGED,
                "routing-service", late.toString(), new io.leadhandoff.common.event.FirstTouchLogged(late, lateAssignment,
                        "sam", "maria", "Inbound EMEA", Priority.HIGH, "CALL", null, longAgo, Instant.now()))));
        await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                io.leadhandoff.sla.clock.SlaClock.count("leadId = ?1 and resolvedAt is not null", late)) == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("leadId", open.toString()).when().get("/api/v1/clocks").then()
                .body("status", everyItem(equalTo("BREACHED"))).body("size()", equalTo(2)));

        QuarkusTransaction.requiringNew().run(() -> digest.send(Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> InfraTestResource.mail().received().stream()
                .anyMatch(m -> recipient(m).equals(managerEmail) && subject(m).startsWith("SLA digest")));
        MimeMessage mail = InfraTestResource.mail().received().stream()
                .filter(m -> recipient(m).equals(managerEmail) && subject(m).startsWith("SLA digest")).findFirst().orElseThrow();
        String text = LocalMail.text(mail);
        assertTrue(subject(mail).matches("SLA digest \\d{4}-\\d{2}-\\d{2}: 3 open breaches"), subject(mail));
        assertTrue(text.contains("lead " + open + ": first touch overdue"), text);
        assertTrue(text.contains("lead " + open + ": review decision overdue"), text);
        assertTrue(text.contains("lead " + late + ": review decision overdue"), text);
        assertTrue(!text.contains("lead " + late + ": first touch overdue"), "resolved: touched late, but touched");
        // it goes out every day, on the shared timers
        assertTrue(QuarkusTransaction.requiringNew().call(() -> timers.dueAt("sla.digest", "daily")).isPresent());
    }

    static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void poisonMessageIsDeadLetteredAndTheNextIsProcessed() {
        UUID lead = UUID.randomUUID();
        try (BrokerProbe.Listener deadLetters = broker.listenOn(DeadLetters.ADDRESS)) {
            broker.publish(EventType.LEAD_ASSIGNED, "{\"specversion\":\"1.0\",\"garbage\":\"" + lead + "\"}");
            broker.publish(EventType.LEAD_ASSIGNED, assigned(lead, Priority.HOT, Instant.now()));
            deadLetters.await(m -> m.contains("garbage") && m.contains(lead.toString()), Duration.ofSeconds(10));
            awaitClocks(lead, 2);
        }
    }

    @Test
    void aLeadRejectedForEnrichmentAndHandedOutAgainStartsItsNewOwnersClocks() {
        UUID lead = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        broker.publish(EventType.LEAD_ASSIGNED, codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED, "routing-service",
                lead.toString(), new LeadAssigned(lead, assignment, "sam", "maria", "Inbound EMEA", Priority.HOT, at,
                        at.plusSeconds(3600)))));
        awaitClocks(lead, 2);
        Instant rejected = at.plusSeconds(60);
        broker.publish(EventType.LEAD_REJECTED, codec.encode(TestEvents.wrap(EventType.LEAD_REJECTED, "routing-service",
                lead.toString(), new io.leadhandoff.common.event.LeadRejected(lead, assignment, "sam", "maria",
                        "Inbound EMEA", Priority.HOT, io.leadhandoff.common.event.RejectionReason.INSUFFICIENT_DATA, null,
                        null, "sam", at, rejected, "Everyone else"))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("leadId", lead.toString()).when().get("/api/v1/clocks").then()
                .body("find { it.kind == 'FIRST_TOUCH' }.status", equalTo("STOPPED"))
                .body("find { it.kind == 'REVIEW_DECISION' }.status", equalTo("MET")));
        Instant again = at.plusSeconds(600);
        broker.publish(EventType.LEAD_ASSIGNED, codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED, "routing-service",
                lead.toString(), new LeadAssigned(lead, assignment, "sue", "maria", "Inbound EMEA", Priority.HOT, again,
                        again.plusSeconds(3600)))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("leadId", lead.toString()).when().get("/api/v1/clocks").then()
                .body("size()", equalTo(2)).body("status", everyItem(equalTo("OPEN"))).body("owner", everyItem(equalTo("sue")))
                .body("find { it.kind == 'FIRST_TOUCH' }.dueAt", equalTo(again.plusSeconds(3600).toString())));
    }

    @Test
    void theClocksOfALeadMergedIntoAnotherStop() {
        UUID lead = UUID.randomUUID();
        broker.publish(EventType.LEAD_ASSIGNED, assigned(lead, Priority.HOT, Instant.now()));
        awaitClocks(lead, 2);
        UUID survivor = UUID.randomUUID();
        broker.publish(EventType.LEAD_MERGED, codec.encode(TestEvents.wrap(EventType.LEAD_MERGED, "scoring-service",
                survivor.toString(), new io.leadhandoff.common.event.LeadMerged(survivor, lead, "dana@acme.example",
                        Instant.now()))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .queryParam("leadId", lead.toString()).when().get("/api/v1/clocks").then()
                .body("status", everyItem(equalTo("STOPPED"))));
        // stopped clocks never breach: their deadlines left the timers
        assertTrue(QuarkusTransaction.requiringNew().call(() -> timers.dueAt("sla.breach",
                given().auth().oauth2(ADMIN).queryParam("leadId", lead.toString()).when().get("/api/v1/clocks").then()
                        .extract().<String>path("[0].id"))).isEmpty());
    }

    @Test
    void clocksAreFilteredAndScopedToTheReader() {
        given().queryParam("leadId", UUID.randomUUID().toString()).when().get("/api/v1/clocks").then().statusCode(401);
        given().auth().oauth2(Tokens.of("marta", Roles.MARKETING)).when().get("/api/v1/clocks").then().statusCode(403);
        String owner = "rep-" + UUID.randomUUID().toString().substring(0, 8);
        UUID lead = UUID.randomUUID();
        Instant at = Instant.now();
        broker.publish(EventType.LEAD_ASSIGNED, codec.encode(TestEvents.wrap(EventType.LEAD_ASSIGNED, "routing-service",
                lead.toString(), new LeadAssigned(lead, UUID.randomUUID(), owner, "maria", "Inbound EMEA", Priority.HOT, at,
                        at.plusSeconds(3600)))));
        awaitClocks(lead, 2);
        // the rep sees their own, soonest due first; a filter by kind and due time narrows it
        given().auth().oauth2(Tokens.of(owner, Roles.SALES_REP)).when().get("/api/v1/clocks").then().statusCode(200)
                .body("size()", equalTo(2)).body("[0].kind", equalTo("FIRST_TOUCH")).body("owner", everyItem(equalTo(owner)));
        given().auth().oauth2(Tokens.of("sam", Roles.SALES_REP)).queryParam("owner", owner).when().get("/api/v1/clocks")
                .then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(MANAGER).queryParams("owner", owner, "kind", "REVIEW_DECISION", "status", "OPEN")
                .when().get("/api/v1/clocks").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].kind", equalTo("REVIEW_DECISION"));
        given().auth().oauth2(ADMIN).queryParams("owner", owner, "dueBefore", at.plusSeconds(7200).toString())
                .when().get("/api/v1/clocks").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].kind", equalTo("FIRST_TOUCH"));
        given().auth().oauth2(Tokens.of("mike", Roles.SALES_MANAGER)).queryParam("owner", owner)
                .when().get("/api/v1/clocks").then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(MANAGER).queryParam("dueBefore", "next tuesday").when().get("/api/v1/clocks")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
