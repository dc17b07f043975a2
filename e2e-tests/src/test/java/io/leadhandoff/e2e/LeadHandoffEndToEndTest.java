package io.leadhandoff.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import io.leadhandoff.common.config.ServiceManifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The real pieces, as a user runs them: {@code ./stack up} (embedded PostgreSQL, Artemis, Keycloak
 * and the four packaged services, on ports of their own), one lead through all four HTTP APIs with
 * Keycloak tokens, a crash between an outbox commit and its publication, then {@code ./stack down}
 * leaving nothing running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeadHandoffEndToEndTest {

    static final Path ROOT = Path.of(System.getProperty("stack.root", "..")).toAbsolutePath().normalize();
    static final Path STACK_DIR = Path.of(System.getProperty("stack.dir", "target/e2e-stack"));
    // away from the defaults, so a developer's own ./stack does not collide; the services' ports are
    // services.manifest's, moved by the offset
    static final int SERVICE_PORT_OFFSET = 20000;
    static final Map<String, String> PORTS = Map.of(
            "PG_PORT", "25432", "AMQP_PORT", "25672", "KEYCLOAK_PORT", "28180", "KEYCLOAK_MANAGEMENT_PORT", "29180",
            "SMTP_PORT", "23025", "MAIL_WEB_PORT", "28025", "STACK_PORT_OFFSET", String.valueOf(SERVICE_PORT_OFFSET));
    static final ServiceManifest SERVICES = ServiceManifest.read(ROOT.resolve("services.manifest"));
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

    static void stack(String command, Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> line = new java.util.ArrayList<>(List.of(ROOT.resolve("stack").toString(), command));
        line.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(line).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        Files.createDirectories(STACK_DIR).resolve("stack-" + command + ".out").toFile()));
        pb.environment().putAll(PORTS);
        pb.environment().put("STACK_DIR", STACK_DIR.toAbsolutePath().toString());
        Process p = pb.start();
        assertTrue(p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS), "./stack " + command + " finished in time");
        assertEquals(0, p.exitValue(), "./stack " + command + " succeeded; see " + STACK_DIR + "/stack-" + command + ".out");
    }

    /** The base URL of a service of the stack under test, e.g. {@code api("scoring")}. */
    static String api(String service) {
        return "http://127.0.0.1:" + (SERVICES.named(service).httpPort() + SERVICE_PORT_OFFSET);
    }

    static String userToken(String user) {
        return given().formParams("grant_type", "password", "client_id", "handoff-cli", "username", user,
                "password", user + "-demo").when().post(TOKEN_URL).then().statusCode(200).extract().path("access_token");
    }

    static String formsToken() {
        return given().formParams("grant_type", "client_credentials", "client_id", "web-forms", "client_secret",
                "web-forms-demo").when().post(TOKEN_URL).then().statusCode(200).extract().path("access_token");
    }

    /** The messages the stack's mail catcher received that mention {@code text}. */
    static List<String> mailsMentioning(String text) throws IOException {
        Path dir = STACK_DIR.resolve("data/mail");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    return "";
                }
            }).filter(m -> m.contains(text)).toList();
        }
    }

    /** Kills a process the stack started, as a crash would (no shutdown hooks, nothing flushed). */
    static void crash(String component) throws Exception {
        long pid = Long.parseLong(Files.readString(STACK_DIR.resolve("pids/" + component + ".pid")).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(component + " is not running"));
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    /** A new lead that requested a demo: scoring qualifies it (HOT) and commits LeadQualified to its outbox. */
    static String demoRequestingLead(String forms) {
        String email = "dana." + UUID.randomUUID() + "@acme.example";
        String leadId = given().auth().oauth2(forms).contentType(ContentType.JSON).body("""
                {"email": "%s", "firstName": "Dana", "lastName": "Kim", "jobTitle": "Director of Sales Ops",
                 "seniority": "Director", "companyName": "Acme", "companyDomain": "acme.example", "industry": "Software",
                 "employees": 500, "country": "DE", "source": "webinar", "campaign": "q4-launch"}
                """.formatted(email))
                .when().post(api("scoring") + "/api/v1/leads").then().statusCode(201).extract().path("id");
        given().auth().oauth2(forms).contentType(ContentType.JSON).body("""
                [{"eventId": "e2e-%s", "email": "%s", "type": "demo_request", "url": "https://acme.example/demo",
                  "occurredAt": "%s", "properties": {"What is your main challenge?": "Leads go cold"}}]
                """.formatted(leadId, email, Instant.now()))
                .when().post(api("scoring") + "/api/v1/events").then().statusCode(202).body("accepted", equalTo(1));
        return leadId;
    }

    /** LeadQualified rows of the lead in scoring's outbox, by published or not. */
    static Map<Boolean, Integer> leadQualifiedInOutbox(String leadId) throws SQLException {
        try (Connection db = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:25432/" + SERVICES.named("scoring").database(),
                SERVICES.named("scoring").database(), SERVICES.named("scoring").database() + "-demo");
                PreparedStatement q = db.prepareStatement("""
                        select count(*) filter (where published_at is not null), count(*) filter (where published_at is null)
                        from outbox_event where type = 'io.leadhandoff.lead.qualified' and subject = ?""")) {
            q.setString(1, leadId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return Map.of(true, rs.getInt(1), false, rs.getInt(2));
            }
        }
    }

    @Test
    @Order(1)
    void oneLeadTravelsThroughAllFourServices() {
        String forms = formsToken();
        String maria = userToken("maria");
        String leadId = demoRequestingLead(forms);

        given().auth().oauth2(userToken("marta")).when().get(api("scoring") + "/api/v1/leads/" + leadId)
                .then().statusCode(200).body("lifecycleStage", equalTo("MQL")).body("priority", equalTo("HOT"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(maria)
                .queryParam("leadId", leadId).when().get(api("routing") + "/api/v1/assignments")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].owner", anyOf(equalTo("sam"), equalTo("sue"), equalTo("lea"))));
        String owner = given().auth().oauth2(maria).queryParam("leadId", leadId)
                .when().get(api("routing") + "/api/v1/assignments").then().extract().path("[0].owner");
        String other = owner.equals("sam") ? "sue" : "sam";
        String assignmentId = given().auth().oauth2(userToken(owner)).when().get(api("routing") + "/api/v1/assignments/mine")
                .then().statusCode(200).extract().path("find { it.leadId == '" + leadId + "' }.id");
        given().auth().oauth2(userToken(other)).when().get(api("routing") + "/api/v1/assignments/" + assignmentId)
                .then().statusCode(403);
        // the owner was e-mailed the lead: the stack's mail catcher keeps what it received
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsMentioning(leadId).stream()
                .anyMatch(m -> m.contains("To: " + owner + "@lead-handoff.example")
                        && m.contains("Subject: HOT lead assigned to you: Acme")));
        // and shows it on its web page
        given().when().get("http://127.0.0.1:28025/").then().statusCode(200)
                .body(containsString("HOT lead assigned to you: Acme")).body(containsString(owner + "@lead-handoff.example"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(maria)
                .queryParam("leadId", leadId).when().get(api("sla") + "/api/v1/clocks")
                .then().statusCode(200).body("$", hasSize(2)).body("find { it.kind == 'FIRST_TOUCH' }.status", equalTo("OPEN"))
                .body("find { it.kind == 'REVIEW_DECISION' }.status", equalTo("OPEN")));
        // the SLA policy is the one source of the window: routing's first-touch task is due when the clock is
        java.time.Instant clockDue = java.time.Instant.parse(given().auth().oauth2(maria).queryParam("leadId", leadId)
                .when().get(api("sla") + "/api/v1/clocks").then().extract().<String>path("find { it.kind == 'FIRST_TOUCH' }.dueAt"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String taskDue = given().auth().oauth2(maria).when().get(api("routing") + "/api/v1/assignments/" + assignmentId)
                    .then().statusCode(200).extract().path("tasks[0].dueAt");
            assertTrue(taskDue != null && java.time.Duration.between(clockDue, java.time.Instant.parse(taskDue)).abs()
                    .toMillis() < 1, "task due " + taskDue + ", clock due " + clockDue);
        });

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(maria)
                .queryParams("from", today, "to", today).when().get(api("reporting") + "/api/v1/reports/funnel")
                .then().statusCode(200).body("summary.leads", greaterThanOrEqualTo(1)).body("summary.mql", greaterThanOrEqualTo(1))
                .body("summary.assigned", greaterThanOrEqualTo(1)));

        // Keycloak's roles are enforced too
        given().auth().oauth2(userToken("sam")).when().get(api("reporting") + "/api/v1/reports/funnel").then().statusCode(403);
        assertFalse(leadId.isBlank());

        // the loop closes: the owner accepts (SAL in scoring); another MQL is rejected for bad timing (RECYCLED)
        given().auth().oauth2(userToken(owner)).contentType("application/json").body("{\"note\": \"fits our ICP\"}")
                .when().post(api("routing") + "/api/v1/assignments/" + assignmentId + "/accept")
                .then().statusCode(200).body("status", equalTo("ACCEPTED"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(userToken("marta"))
                .when().get(api("scoring") + "/api/v1/leads/" + leadId).then().body("lifecycleStage", equalTo("SAL")));
        // and the SLA service met its accept-or-reject clock
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(maria)
                .queryParam("leadId", leadId).when().get(api("sla") + "/api/v1/clocks")
                .then().body("find { it.kind == 'REVIEW_DECISION' }.status", equalTo("MET")));
        String later = demoRequestingLead(forms);
        String laterAssignment = await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(maria)
                .queryParam("leadId", later).when().get(api("routing") + "/api/v1/assignments").then()
                .extract().<String>path("[0].id"), id -> id != null);
        given().auth().oauth2(maria).contentType("application/json").body("{\"note\": \"budget next year\"}")
                .when().post(api("routing") + "/api/v1/assignments/" + laterAssignment + "/reject")
                .then().statusCode(400).body("detail", containsString("A reason is mandatory"));
        given().auth().oauth2(maria).contentType("application/json")
                .body("{\"reason\": \"BAD_TIMING\", \"note\": \"budget next year\"}")
                .when().post(api("routing") + "/api/v1/assignments/" + laterAssignment + "/reject")
                .then().statusCode(200).body("status", equalTo("REJECTED"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(userToken("marta"))
                .when().get(api("scoring") + "/api/v1/leads/" + later).then().body("lifecycleStage", equalTo("RECYCLED")));
    }

    /**
     * The outbox promise, with real processes: the broker is down, so scoring commits LeadQualified
     * but cannot publish it; then scoring itself crashes. After {@code ./stack up} restarts both, the
     * event is published from the outbox and routing assigns the lead exactly once.
     */
    @Test
    @Order(2)
    void eventCommittedButNotPublishedBeforeACrashIsDeliveredAfterRestart() throws Exception {
        String forms = formsToken();
        String maria = userToken("maria");
        crash("broker");

        String leadId = demoRequestingLead(forms);
        // the relay has tried (it wakes after commit and polls every second) and failed: still unpublished
        Thread.sleep(3000);
        assertEquals(Map.of(true, 0, false, 1), leadQualifiedInOutbox(leadId), "LeadQualified committed, not published");

        crash("scoring");
        stack("up", Duration.ofMinutes(5)); // restarts exactly the two that are gone

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(Map.of(true, 1, false, 0),
                leadQualifiedInOutbox(leadId), "published after the restart"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(maria)
                .queryParam("leadId", leadId).when().get(api("routing") + "/api/v1/assignments")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].priority", equalTo("HOT")));
        // and it went on down the chain: the SLA clock runs
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(maria)
                .queryParam("leadId", leadId).when().get(api("sla") + "/api/v1/clocks")
                .then().statusCode(200).body("$", hasSize(2)));
    }

    /**
     * {@code ./stack} must not take a PID for its component when the process is gone but not yet
     * reaped (a zombie, right after {@code kill -9}) or when the PID now belongs to another program.
     */
    @Test
    @Order(3)
    void stackStatusTellsAZombieOrAStrangerWithTheSamePidFromItsComponent() throws Exception {
        Path dir = Files.createTempDirectory(STACK_DIR.toAbsolutePath().getParent(), "pid-check");
        Path pids = Files.createDirectories(dir.resolve("pids"));
        // a zombie: its parent (now sleeping) never reaps it
        Process parent = new ProcessBuilder("bash", "-c", "sleep 0 & echo $! > " + pids.resolve("broker.pid") + "; exec sleep 30")
                .start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(pids.resolve("broker.pid"))
                    && Files.readString(pids.resolve("broker.pid")).strip().length() > 0);
            Files.writeString(pids.resolve("broker.cmd"), "local-stack.jar broker");
            // a stranger: this test's own JVM holds the PID recorded for scoring
            Files.writeString(pids.resolve("scoring.pid"), String.valueOf(ProcessHandle.current().pid()));
            Files.writeString(pids.resolve("scoring.cmd"), "scoring-service/target/quarkus-app/quarkus-run.jar");
            Path zombieStat = Path.of("/proc/" + Files.readString(pids.resolve("broker.pid")).strip() + "/stat");
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(zombieStat).contains(") Z "));

            ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("stack").toString(), "status").directory(ROOT.toFile())
                    .redirectErrorStream(true);
            pb.environment().put("STACK_DIR", dir.toString());
            Process status = pb.start();
            String out = new String(status.getInputStream().readAllBytes());
            assertTrue(status.waitFor(30, TimeUnit.SECONDS));
            assertTrue(out.contains("broker NOT running"), out);
            assertTrue(out.contains("scoring NOT running"), out);
        } finally {
            parent.destroyForcibly();
        }
    }

    static final com.fasterxml.jackson.databind.ObjectMapper EVENTS = new com.fasterxml.jackson.databind.ObjectMapper()
            .findAndRegisterModules().disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static Connection database(String service) throws SQLException {
        String name = SERVICES.named(service).database();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:25432/" + name, name, name + "-demo");
    }

    /**
     * {@code count} HOT leads of {@code team} assigned from {@code assignedAt} on, evenly over
     * {@code spread}, announced the way routing announces them: LeadAssigned rows in routing's
     * outbox, which its relay publishes.
     */
    static void assignedThroughRoutingsOutbox(int count, String team, Instant assignedAt, Duration spread)
            throws Exception {
        try (Connection db = database("routing"); PreparedStatement insert = db.prepareStatement("""
                insert into outbox_event (id, address, type, subject, payload) values (?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < count; i++) {
                UUID lead = UUID.randomUUID();
                var envelope = io.leadhandoff.common.event.EventEnvelope.wrap(io.leadhandoff.common.event.EventType.LEAD_ASSIGNED,
                        "routing-service", lead.toString(), new io.leadhandoff.common.event.LeadAssigned(lead, UUID.randomUUID(),
                                "sam", "maria", team, io.leadhandoff.common.event.Priority.HOT,
                                assignedAt.plusMillis(spread.toMillis() * i / count), null, null, null,
                                "replica test", 0, "SMB"), Instant.now());
                insert.setObject(1, envelope.id());
                insert.setString(2, io.leadhandoff.common.messaging.EventStream.ADDRESS);
                insert.setString(3, envelope.type());
                insert.setString(4, lead.toString());
                insert.setString(5, EVENTS.writeValueAsString(envelope));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static int slaCount(String sql, String team) throws SQLException {
        try (Connection db = database("sla"); PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, team);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static int firstTouchClocks(String team, String status) throws SQLException {
        return slaCount("select count(*) from sla_clock where team_name = ? and kind = 'FIRST_TOUCH'"
                + (status == null ? "" : " and status = '" + status + "'"), team);
    }

    /** Each of the team's first-touch clocks breached once, and each step of its ladder ran once. */
    static void everyStepOnce(String team, int clocks) throws SQLException {
        assertEquals(clocks, slaCount("""
                select count(*) from outbox_event where type = 'io.leadhandoff.sla.breached'
                and cast(payload as jsonb) -> 'data' ->> 'team' = ?""", team), "one SlaBreached per clock");
        assertEquals(0, slaCount("""
                select count(*) from (select cast(payload as jsonb) -> 'data' ->> 'clockId' from outbox_event
                where type = 'io.leadhandoff.sla.breached' and cast(payload as jsonb) -> 'data' ->> 'team' = ?
                group by 1 having count(*) > 1) twice""", team), "no clock breached twice");
        // the demo HOT first-touch ladder runs three steps at once (rep, manager, reassignment)
        assertEquals(3 * clocks, slaCount("""
                select count(*) from outbox_event where type = 'io.leadhandoff.sla.escalated'
                and cast(payload as jsonb) -> 'data' ->> 'team' = ?""", team), "three SlaEscalated per clock");
        assertEquals(0, slaCount("""
                select count(*) from (select cast(payload as jsonb) -> 'data' ->> 'clockId', cast(payload as jsonb) -> 'data' ->> 'step'
                from outbox_event where type = 'io.leadhandoff.sla.escalated' and cast(payload as jsonb) -> 'data' ->> 'team' = ?
                group by 1, 2 having count(*) > 1) twice""", team), "no step ran twice");
        assertEquals(clocks, slaCount("select count(*) from sla_alert where kind = 'BREACH' and team_name = ?", team));
    }

    /**
     * Clocks across replicas: two SLA instances share the due work (timers claimed with SKIP LOCKED);
     * the stack's instance is killed while breaches are being applied, the other finishes them, each
     * step once. Then no instance runs while more clocks come due, and a restart fires those, once.
     */
    @Test
    @Order(4)
    void twoSlaReplicasFireEachStepOnceWhenOneIsKilledMidBatchAndARestartCatchesUp() throws Exception {
        stack("replica", Duration.ofMinutes(3), "sla");
        String team = "Replica team " + UUID.randomUUID();
        String later = "Restart team " + UUID.randomUUID();
        int clocks = 2000;
        int whileDown = 200;
        Instant now = Instant.now();
        // HOT: one hour to the first touch, so these come due from 40 s and at 100 s from now
        Instant firstDue = now.plusSeconds(40);
        Instant secondDue = now.plusSeconds(100);
        // the first set comes due over 5 s, so there is work under way to kill
        assignedThroughRoutingsOutbox(clocks, team, firstDue.minus(Duration.ofHours(1)), Duration.ofSeconds(5));
        assignedThroughRoutingsOutbox(whileDown, later, secondDue.minus(Duration.ofHours(1)), Duration.ZERO);
        await().atMost(Duration.ofSeconds(40)).until(() -> firstTouchClocks(team, null) == clocks
                && firstTouchClocks(later, null) == whileDown);
        assertEquals(0, firstTouchClocks(team, "BREACHED"), "started before they came due");

        // both instances breach; the stack's own is killed as soon as breaches land
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> firstTouchClocks(team, "BREACHED") > 0);
        crash("sla");
        int atKill = firstTouchClocks(team, "BREACHED");
        assertTrue(atKill < clocks, "killed mid-work: " + atKill + " of " + clocks + " breached");
        await().atMost(Duration.ofSeconds(60)).until(() -> firstTouchClocks(team, "BREACHED") == clocks);
        everyStepOnce(team, clocks);

        // no instance runs while the second set comes due; the restarted one fires it
        crash("sla-2");
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), secondDue.plusSeconds(3)).toMillis()));
        assertEquals(0, firstTouchClocks(later, "BREACHED"));
        stack("up", Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(60)).until(() -> firstTouchClocks(later, "BREACHED") == whileDown);
        everyStepOnce(later, whileDown);
    }

    /**
     * The dashboard in a real browser: maria logs in through Keycloak, the funnel chart shows the
     * imported history's numbers, a filter changes them, a table downloads as CSV; a rep is refused.
     */
    @Test
    @Order(5)
    void managersReadTheDashboardInABrowserAndRepsAreRefused() throws Exception {
        String campaign = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        // MQLs by month: January 4 (2 enterprise: both accepted, one an SQL), February 2 (1 enterprise, accepted),
        // March 3 (1 enterprise)
        String history = """
                lead,campaign,segment,mql,sal,sql
                %1$s-j1,%1$s,ENTERPRISE,2014-01-06,2014-01-07,2014-01-20
                %1$s-j2,%1$s,ENTERPRISE,2014-01-08,2014-01-09,
                %1$s-j3,%1$s,SMB,2014-01-10,,
                %1$s-j4,%1$s,SMB,2014-01-13,,
                %1$s-f1,%1$s,ENTERPRISE,2014-02-03,2014-02-04,
                %1$s-f2,%1$s,SMB,2014-02-05,,
                %1$s-m1,%1$s,ENTERPRISE,2014-03-03,,
                %1$s-m2,%1$s,SMB,2014-03-04,,
                %1$s-m3,%1$s,SMB,2014-03-05,,
                """.formatted(campaign);
        given().auth().oauth2(userToken("ada")).contentType("text/csv").queryParams(Map.of("lead", "lead", "campaign",
                "campaign", "segment", "segment", "mql", "mql", "sal", "sal", "sql", "sql")).body(history)
                .when().post(api("reporting") + "/api/v1/history").then().statusCode(200).body("imported", equalTo(9));
        String url = api("reporting") + "/dashboard?from=2014-01-01&to=2014-03-31&cohort=month&campaign=" + campaign;

        try (DashboardBrowser browser = new DashboardBrowser(STACK_DIR.resolve("downloads-" + campaign))) {
            browser.open(url, "maria");
            browser.awaitLoaded();
            assertEquals("maria", browser.driver().findElement(By.id("user")).getText());
            assertEquals(List.of("2014-01", "2014-02", "2014-03"), browser.categories("funnel-chart"));
            List<List<Object>> series = browser.series("funnel-chart");
            assertEquals(List.of(4L, 2L, 3L), series.get(0), "MQL by month");
            assertEquals(List.of(2L, 1L, 0L), series.get(1), "SAL by month");
            assertEquals(List.of(1L, 0L, 0L), series.get(2), "SQL by month");
            assertEquals("9", browser.driver().findElement(By.cssSelector("#kpi-mql b")).getText());
            browser.screenshot(STACK_DIR.resolve("dashboard.png"));

            // a filter changes the numbers
            new Select(browser.driver().findElement(By.name("segment")))
                    .selectByVisibleText("ENTERPRISE");
            browser.driver().findElement(By.id("apply")).click();
            browser.awaitLoaded();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertEquals(List.of(2L, 1L, 1L), browser.series("funnel-chart").get(0), "enterprise MQL by month"));
            assertEquals(List.of(2L, 1L, 0L), browser.series("funnel-chart").get(1));
            assertTrue(browser.driver().getCurrentUrl().contains("segment=ENTERPRISE"), browser.driver().getCurrentUrl());

            // the funnel table downloads as CSV, as filtered
            browser.driver().findElement(By.cssSelector("a.csv[data-report='funnel']")).click();
            Path csv = browser.downloads.resolve("funnel-funnel.csv");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(csv) && Files.size(csv) > 0);
            List<String> lines = Files.readAllLines(csv);
            assertTrue(lines.get(0).startsWith("cohort,leads,mql,assigned,sal,rejected,sql"), lines.get(0));
            assertEquals(4, lines.size(), String.join("\n", lines));
            assertTrue(lines.get(1).startsWith("2014-01,,2,0,2,0,1,"), lines.get(1));
        }

        // a rep logs in and is refused
        try (DashboardBrowser browser = new DashboardBrowser(STACK_DIR.resolve("downloads-sam"))) {
            browser.open(url, "sam");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !browser.driver().findElements(By.id("refused")).isEmpty());
            assertTrue(browser.driver().getPageSource().contains("signed in as <strong>sam</strong>"));
            assertTrue(browser.driver().findElements(By.id("funnel-chart")).isEmpty());
        }
    }
}
